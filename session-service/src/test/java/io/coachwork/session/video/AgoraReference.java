package io.coachwork.session.video;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AccessToken2 read and verified from its published description, independently of Agora's
 * library: {@code "007" + base64(zlib(sig16 + content))}, where content is little-endian
 * {@code appId(str16) issueTs(u32) expire(u32) salt(u32) services(u16 count, each: type(u16),
 * privileges(u16 count of u16 key, u32 value), and for RTC channel(str16) uid(str16))}, and
 * {@code sig = HMAC(key = HMAC(key = u32(salt), HMAC(key = u32(issueTs), certificate)), content)}.
 */
final class AgoraReference {

    static final int SERVICE_RTC = 1;
    static final int JOIN_CHANNEL = 1;
    static final int PUBLISH_AUDIO = 2;
    static final int PUBLISH_VIDEO = 3;
    static final int PUBLISH_DATA = 4;

    record Rtc(String channel, String uid, Map<Integer, Long> privileges) {
    }

    record Token(String appId, long issueTs, long expire, long salt, Map<Integer, Rtc> services, boolean signatureValid) {
    }

    private AgoraReference() {
    }

    static Token verify(String token, String certificate) {
        if (!token.startsWith("007")) {
            throw new AssertionError("not an AccessToken2: " + token);
        }
        ByteBuffer all = ByteBuffer.wrap(inflate(Base64.getDecoder().decode(token.substring(3))))
                .order(ByteOrder.LITTLE_ENDIAN);
        byte[] signature = bytes(all);
        byte[] content = new byte[all.remaining()];
        all.get(content);
        ByteBuffer in = ByteBuffer.wrap(content).order(ByteOrder.LITTLE_ENDIAN);
        String appId = string(in);
        long issueTs = u32(in);
        long expire = u32(in);
        long salt = u32(in);
        int count = u16(in);
        Map<Integer, Rtc> services = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            int type = u16(in);
            Map<Integer, Long> privileges = new TreeMap<>();
            int n = u16(in);
            for (int j = 0; j < n; j++) {
                privileges.put(u16(in), u32(in));
            }
            if (type != SERVICE_RTC) {
                throw new AssertionError("only RTC services are read here, got " + type);
            }
            services.put(type, new Rtc(string(in), string(in), privileges));
        }
        if (in.hasRemaining()) {
            throw new AssertionError(in.remaining() + " bytes left after the services");
        }
        byte[] signing = hmac(le32(issueTs), certificate.getBytes(StandardCharsets.UTF_8));
        signing = hmac(le32(salt), signing);
        boolean valid = MessageDigest.isEqual(signature, hmac(signing, content));
        return new Token(appId, issueTs, expire, salt, services, valid);
    }

    private static byte[] inflate(byte[] compressed) {
        Inflater inflater = new Inflater();
        inflater.setInput(compressed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[512];
        try {
            while (!inflater.finished()) {
                int n = inflater.inflate(chunk);
                if (n == 0 && inflater.needsInput()) {
                    throw new AssertionError("truncated zlib stream");
                }
                out.write(chunk, 0, n);
            }
        } catch (DataFormatException e) {
            throw new AssertionError("not a zlib stream", e);
        } finally {
            inflater.end();
        }
        return out.toByteArray();
    }

    private static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] le32(long value) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) value).array();
    }

    private static int u16(ByteBuffer in) {
        return Short.toUnsignedInt(in.getShort());
    }

    private static long u32(ByteBuffer in) {
        return Integer.toUnsignedLong(in.getInt());
    }

    private static byte[] bytes(ByteBuffer in) {
        byte[] out = new byte[u16(in)];
        in.get(out);
        return out;
    }

    private static String string(ByteBuffer in) {
        return new String(bytes(in), StandardCharsets.UTF_8);
    }
}
