package io.coachwork.wallet.wallet;

import io.coachwork.platform.security.CurrentUser;
import io.coachwork.platform.web.ApiResponse;
import io.coachwork.platform.web.PageQuery;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The calling tutor's wallet. */
@RestController
@RequestMapping("/api/marketplace/tutor/wallet")
public class WalletController {

    private final WalletQueries wallets;

    public WalletController(WalletQueries wallets) {
        this.wallets = wallets;
    }

    @GetMapping
    public Mono<ApiResponse<WalletViews.Wallet>> wallet(CurrentUser tutor) {
        return wallets.wallet(tutor.id()).map(ApiResponse::ok);
    }

    @GetMapping("/transactions")
    public Mono<ApiResponse<WalletViews.Transactions>> transactions(CurrentUser tutor,
                                                                     @RequestParam(required = false) String page,
                                                                     @RequestParam(required = false) String limit) {
        return Mono.fromCallable(() -> PageQuery.of(page, limit))
                .flatMap(query -> wallets.transactions(tutor.id(), query))
                .map(ApiResponse::ok);
    }
}
