#!/usr/bin/env python3
"""Helpers of bench/run (standard library only).

  tokens FILE SECRET COUNT FIRST_ID     mint COUNT tutor tokens ("id token" lines)
  fund FILE COUNT GATEWAY ADMIN_TOKEN   give the first COUNT tutors money and hours
  cpu RUN_DIR OUT                       snapshot CPU ticks of the stack's processes (JSON)
  collapse JFR_PRINT_OUTPUT             jfr print text -> collapsed stacks on stdout
  fold COLLAPSED                        the same stacks, Reactor operator runs folded, in stackvis's
                                        comma-separated input format (for the SVG)
  report REPORT_DIR                     write summary.md and the plots from a run's data
"""
import base64
import concurrent.futures
import datetime
import glob
import gzip
import hashlib
import hmac
import itertools
import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request

CLK_TCK = os.sysconf("SC_CLK_TCK")
# The stack's databases: only their PostgreSQL backends count as the stack's PostgreSQL CPU
# (other work on the same server, such as test databases, is left out).
STACK_DATABASES = ("coachwork_subscription", "coachwork_wallet", "coachwork_session",
                   "coachwork_scheduling", "coachwork_notification")


# --- tokens ---------------------------------------------------------------------------------

def b64url(raw):
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def jwt(secret, claims):
    header = b64url(json.dumps({"alg": "HS256"}, separators=(",", ":")).encode())
    payload = b64url(json.dumps(claims, separators=(",", ":")).encode())
    signature = hmac.new(secret.encode(), f"{header}.{payload}".encode(), hashlib.sha256).digest()
    return f"{header}.{payload}.{b64url(signature)}"


def cmd_tokens(path, secret, count, first_id):
    """Tokens shaped like dev/token's (TestJwt): numeric sub, roles, name, email, tutor_type."""
    now = int(time.time())
    with open(path, "w") as out:
        for user in range(int(first_id), int(first_id) + int(count)):
            token = jwt(secret, {"sub": str(user), "iat": now, "exp": now + 12 * 3600, "roles": ["tutor"],
                                 "name": f"Bench Tutor {user}", "email": f"bench{user}@example.com",
                                 "tutor_type": "sole_tutor"})
            out.write(f"{user} {token}\n")


# --- funding --------------------------------------------------------------------------------

def call(method, url, token, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method,
                                 headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    for attempt in range(5):
        try:
            with urllib.request.urlopen(req, timeout=60) as resp:
                return resp.status, resp.read().decode()
        except urllib.error.HTTPError as e:
            if e.code != 429 or attempt == 4:
                return e.code, e.read().decode()
        time.sleep(1 + attempt)  # 429: the gateway's per-user limit; wait for its bucket
    raise AssertionError("unreachable")


def cmd_fund(path, count, gateway, admin_token):
    """Credits each tutor's wallet by an admin adjustment (a ledger movement like any other) and
    buys hours with it, so the session scenarios never run out of hours."""
    tutors = []
    with open(path) as f:
        for line in f:
            user, token = line.split()
            tutors.append((user, token))
            if len(tutors) == int(count):
                break

    def fund(tutor):
        user, token = tutor
        status, body = call("POST", f"{gateway}/api/admin/wallet/adjustments", admin_token,
                            {"tutor_id": int(user), "amount": 100000, "reason": "bench funding"})
        if status != 201:
            return f"tutor {user}: adjustment HTTP {status}: {body[:300]}"
        status, body = call("POST", f"{gateway}/api/marketplace/tutor/coaching/purchase-hours", token,
                            {"hours": 200})
        if status not in (200, 201):
            return f"tutor {user}: purchase-hours HTTP {status}: {body[:300]}"
        return None

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        failures = [f for f in pool.map(fund, tutors) if f]
    for f in failures[:10]:
        print(f, file=sys.stderr)
    if failures:
        sys.exit(f"bench: funding failed for {len(failures)} of {len(tutors)} tutors")
    print(f"funded {len(tutors)} tutors (100,000 NGN each, 200 hours bought)")


# --- booking ------------------------------------------------------------------------------

def cmd_booking_setup(out_dir, secret, gateway, admin_token, tutors, first_id, students, first_student):
    """For the booking scenario: approved tutors (60 USD/h, Lagos) with one-hour ONE_TO_ONE slots on
    every hour from 00:00 to 23:00 of days 2..27 ahead, made through the gateway; writes slots.txt (one slot id a line)
    and students.txt (student tokens, "id token" lines, like tutor tokens)."""
    now = int(time.time())
    with open(os.path.join(out_dir, "students.txt"), "w") as out:
        for user in range(int(first_student), int(first_student) + int(students)):
            token = jwt(secret, {"sub": str(user), "iat": now, "exp": now + 12 * 3600, "roles": ["student"],
                                 "name": f"Bench Student {user}", "email": f"bench{user}@example.com"})
            out.write(f"{user} {token}\n")
    lagos = datetime.timezone(datetime.timedelta(hours=1))  # Africa/Lagos has no DST

    def setup(user):
        token = jwt(secret, {"sub": str(user), "iat": now, "exp": now + 12 * 3600, "roles": ["tutor"],
                             "name": f"Bench Tutor {user}", "email": f"bench{user}@example.com",
                             "tutor_type": "sole_tutor"})
        status, body = call("PUT", f"{gateway}/api/teaching/profile", token, {
            "display_name": f"Bench Tutor {user}", "bio": "Benchmark tutor", "hourly_rate": 60, "currency": "USD",
            "time_zone": "Africa/Lagos", "subjects": [{"subject": "Mathematics", "level": "advanced"}]})
        if status != 200:
            return [], f"tutor {user}: profile HTTP {status}: {body[:300]}"
        call("POST", f"{gateway}/api/teaching/profile/apply", token)
        call("POST", f"{gateway}/api/admin/teaching/applications/{user}/approve", admin_token)  # a rerun: already approved
        today = datetime.datetime.now(lagos).date()
        wanted = [{"slot_date": (today + datetime.timedelta(days=d)).isoformat(), "start_time": f"{h:02d}:00",
                   "end_time": f"{h + 1:02d}:00", "duration_minutes": 60,
                   "session_type": "ONE_TO_ONE", "max_participants": 1, "timezone": "Africa/Lagos"}
                  for d in range(2, 28) for h in range(23)]
        ids = []
        for i in range(0, len(wanted), 100):
            status, body = call("POST", f"{gateway}/api/teaching/slots", token, wanted[i:i + 100])
            if status != 201:
                return ids, f"tutor {user}: slots HTTP {status}: {body[:300]}"
            ids += [slot["id"] for slot in json.loads(body)["data"]["slots"]]
        return ids, None

    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        results = list(pool.map(setup, range(int(first_id), int(first_id) + int(tutors))))
    failures = [f for _, f in results if f]
    for f in failures[:10]:
        print(f, file=sys.stderr)
    if failures:
        sys.exit(f"bench: booking set-up failed for {len(failures)} of {tutors} tutors")
    # interleave the tutors' slots so consecutive bookings spread over tutors
    slots = [slot for column in itertools.zip_longest(*[ids for ids, _ in results]) for slot in column if slot]
    with open(os.path.join(out_dir, "slots.txt"), "w") as out:
        out.writelines(f"{slot}\n" for slot in slots)
    print(f"booking set-up: {tutors} tutors, {len(slots)} ONE_TO_ONE slots, {students} student tokens")


BOOKING_CHECKS = {
    "slots over capacity": "SELECT count(*) FROM teaching_slot WHERE booked_count > max_participants",
    "ONE_TO_ONE slots with two live bookings": """SELECT count(*) FROM (SELECT slot_id FROM booking
        WHERE session_type = 'ONE_TO_ONE' AND status IN ('HELD', 'PENDING_PAYMENT', 'CONFIRMED')
        GROUP BY slot_id HAVING count(*) > 1) d""",
    "slots counting fewer seats than their live bookings": """SELECT count(*) FROM teaching_slot s
        WHERE s.booked_count < (SELECT count(*) FROM booking b WHERE b.slot_id = s.id
                                 AND b.status IN ('HELD', 'PENDING_PAYMENT', 'CONFIRMED'))""",
    "confirmed bookings": "SELECT count(*) FROM booking WHERE status = 'CONFIRMED'",
    "bookings still waiting for payment": "SELECT count(*) FROM booking WHERE status IN ('HELD', 'PENDING_PAYMENT')",
}


def cmd_booking_check(out_path):
    """Double-booking checks on coachwork_scheduling after the booking scenario (the first three must be 0)."""
    rows = []
    for name, sql in BOOKING_CHECKS.items():
        value = subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "coachwork_scheduling", "-tAc",
                                " ".join(sql.split())], capture_output=True, text=True, check=True).stdout.strip()
        rows.append((name, value))
    with open(out_path, "w") as out:
        out.writelines(f"{name}\t{value}\n" for name, value in rows)
    for name, value in rows:
        print(f"{name}: {value}")


# --- CPU ------------------------------------------------------------------------------------

def ticks(pid):
    """utime+stime and cutime+cstime of a process, in ticks (fields 14-17 of /proc/PID/stat)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12]), int(fields[13]) + int(fields[14])


def cmd_cpu(run_dir, out):
    snapshot = {"time": time.time(), "ticks": {}}
    for pid_file in sorted(glob.glob(os.path.join(run_dir, "*.pid"))):
        name = os.path.basename(pid_file)[:-4]
        try:
            snapshot["ticks"][name] = ticks(int(open(pid_file).read().strip()))[0]
        except (OSError, ValueError):
            pass
    pg = 0
    for proc in glob.glob("/proc/[0-9]*"):
        try:
            cmdline = open(f"{proc}/cmdline", "rb").read().replace(b"\0", b" ").decode(errors="replace")
            if cmdline.startswith("postgres: ") and any(f" {db} " in cmdline for db in STACK_DATABASES):
                pg += ticks(proc.rsplit("/", 1)[1])[0]
        except OSError:
            continue  # exited while we looked
    snapshot["ticks"]["postgresql"] = pg
    with open(out, "w") as f:
        json.dump(snapshot, f)


# --- profiles -------------------------------------------------------------------------------

# "  pkg.Class.method(ParamType, ...) line: 12 ..." -> pkg.Class.method (signatures only bloat the files)
FRAME = re.compile(r"^\s+([^\s(]+)\(.*\)\s+line: \d+")


def cmd_collapse(path):
    """Folds `jfr print --events jdk.ExecutionSample` output into 'root;...;leaf count' lines."""
    counts = {}
    frames = []
    in_stack = False
    with open(path, errors="replace") as f:
        for line in f:
            if "stackTrace = [" in line:
                in_stack, frames = True, []
                continue
            if in_stack:
                m = FRAME.match(line)
                if m:
                    frames.append(m.group(1).replace(";", ":"))
                elif line.strip() == "...":
                    frames.append("[truncated]")
                elif line.strip().startswith("]"):
                    in_stack = False
                    if frames:
                        key = ";".join(reversed(frames))
                        counts[key] = counts.get(key, 0) + 1
    for stack, n in sorted(counts.items()):
        print(f"{stack} {n}")


# Each sample goes to the area of its innermost frame that belongs to one (JDK frames count for
# the library that called them); samples with none count as "other".
CATEGORIES = [
    ("tracing", ("io.micrometer.tracing", "brave.", "io.opentelemetry", "zipkin2")),
    ("context propagation", ("io.micrometer.context", "reactor.core.publisher.ContextPropagation",
                             "RestoringThreadLocals")),
    ("metrics/observation", ("io.micrometer.core", "io.micrometer.observation")),
    ("logging", ("ch.qos.logback", "org.slf4j", "org.apache.logging")),
    ("JSON", ("tools.jackson", "com.fasterxml.jackson")),
    ("security/JWT", ("org.springframework.security", "com.nimbusds")),
    ("R2DBC/PostgreSQL driver", ("io.r2dbc", "org.springframework.r2dbc", "org.springframework.data.r2dbc")),
    ("Kafka client", ("org.apache.kafka", "reactor.kafka")),
    ("Redis", ("org.springframework.data.redis", "io.lettuce")),
    ("gateway", ("org.springframework.cloud.gateway",)),
    ("Spring web/HTTP", ("org.springframework.web", "org.springframework.http")),
    ("Reactor/Netty plumbing", ("reactor.", "io.netty")),
    ("coachwork code", ("io.coachwork",)),
]


def read_collapsed(path):
    stacks = []
    with open_collapsed(path) as f:
        for line in f:
            stack, n = line.rstrip("\n").rsplit(" ", 1)
            stacks.append((stack.split(";"), int(n)))
    return stacks


def profile_breakdown(path, top=8):
    stacks = read_collapsed(path)
    total = sum(n for _, n in stacks) or 1
    shares = {name: 0 for name, _ in CATEGORIES}
    shares["other"] = 0
    for frames, n in stacks:
        area = next((name for fr in reversed(frames) for name, prefixes in CATEGORIES
                     if any(p in fr.split("(")[0] for p in prefixes)), "other")
        shares[area] += n
    shares = {name: 100.0 * n / total for name, n in shares.items()}
    leaves = {}
    for frames, n in stacks:
        leaves[frames[-1]] = leaves.get(frames[-1], 0) + n
    hottest = sorted(leaves.items(), key=lambda kv: -kv[1])[:top]
    return total, shares, [(frame, 100.0 * n / total) for frame, n in hottest]


def open_collapsed(path):
    return gzip.open(path, "rt") if path.endswith(".gz") else open(path)


def cmd_fold(path):
    """Reactive stacks are ~80% reactor.core.publisher operator frames; one frame per run of them
    keeps the flame graph readable (and its SVG a tenth of the size)."""
    counts = {}
    with open_collapsed(path) as f:
        for line in f:
            stack, n = line.rstrip("\n").rsplit(" ", 1)
            folded = []
            for frame in stack.split(";"):
                if frame.startswith("reactor.core.publisher."):
                    frame = "[reactor operators]"
                    if folded and folded[-1] == frame:
                        continue
                folded.append(frame)
            key = ",".join(f.replace(",", ".") for f in folded)
            counts[key] = counts.get(key, 0) + int(n)
    for stack, n in sorted(counts.items()):
        print(f"{stack} {n}")


# --- report ---------------------------------------------------------------------------------

def percentile(sorted_values, p):
    if not sorted_values:
        return float("nan")
    k = min(len(sorted_values) - 1, max(0, int(round(p / 100.0 * len(sorted_values) + 0.5)) - 1))
    return sorted_values[k]


def load_samples(run_dir):
    rows = []
    for path in glob.glob(os.path.join(run_dir, "samples-*.tsv")):
        with open(path) as f:
            for line in f:
                parts = line.rstrip("\n").split("\t")
                if len(parts) == 4:
                    rows.append((float(parts[0]), float(parts[1]), int(parts[2]), parts[3]))
    rows.sort()
    return rows


def cpu_delta(run_dir):
    try:
        before = json.load(open(os.path.join(run_dir, "cpu-before.json")))
        after = json.load(open(os.path.join(run_dir, "cpu-after.json")))
    except OSError:
        return {}
    return {name: (after["ticks"][name] - before["ticks"].get(name, 0)) / CLK_TCK
            for name in after["ticks"] if name in before["ticks"]}


def fmt_ms(v):
    return "-" if v != v else (f"{v:.0f}" if v >= 100 else f"{v:.1f}")


def summarise(run_dir):
    rows = load_samples(run_dir)
    if not rows:
        return None
    start, end = rows[0][0] - rows[0][1], rows[-1][0]
    seconds = max(0.001, (end - start) / 1000.0)
    latencies = sorted(r[1] for r in rows)
    ok = sum(1 for r in rows if r[2] < 400)
    steps = {}
    for r in rows:
        steps.setdefault(r[3], []).append(r)
    return {
        "requests": len(rows), "ok": ok, "errors": len(rows) - ok, "seconds": seconds,
        "rps": len(rows) / seconds, "ok_rps": ok / seconds,
        "p50": percentile(latencies, 50), "p95": percentile(latencies, 95),
        "p99": percentile(latencies, 99), "max": latencies[-1],
        "status_counts": {f"{s} {c}": sum(1 for r in rows if r[3] == s and r[2] == c)
                          for s, c in {(r[3], r[2]) for r in rows}},
        "cpu": cpu_delta(run_dir),
        "rows": rows, "start": start,
    }


def write_timeline(summary, path):
    """Per-second throughput and p50/p99 latency, for gnuplot."""
    buckets = {}
    for done, latency, status, _ in summary["rows"]:
        buckets.setdefault(int((done - summary["start"]) // 1000), []).append(latency)
    with open(path, "w") as f:
        for second in sorted(buckets):
            values = sorted(buckets[second])
            f.write(f"{second}\t{len(values)}\t{percentile(values, 50):.2f}\t{percentile(values, 99):.2f}\n")


def plot(report_dir, scenario, series):
    """One PNG per scenario: latency p50/p99 (log scale) and throughput per second of every run."""
    png = os.path.join(report_dir, "plots", f"{scenario}.png")
    os.makedirs(os.path.dirname(png), exist_ok=True)
    lat = ", ".join(f"'{path}' using 1:4 with lines title '{label} p99', '{path}' using 1:3 with lines dt 2 title '{label} p50'"
                    for label, path in series)
    thr = ", ".join(f"'{path}' using 1:2 with lines title '{label}'" for label, path in series)
    script = f"""
set terminal pngcairo size 1200,900 font ',9' noenhanced
set output '{png}'
set multiplot layout 2,1 title '{scenario}: latency and throughput per second of each run'
set key outside right
set grid
set logscale y
set xlabel 'seconds into the run'
set ylabel 'latency (ms)'
plot {lat}
unset logscale y
set ylabel 'responses/s'
plot {thr}
unset multiplot
"""
    try:
        subprocess.run(["gnuplot"], input=script.encode(), check=True, capture_output=True)
    except (OSError, subprocess.CalledProcessError) as e:
        script_path = png[:-4] + ".gnuplot"
        open(script_path, "w").write(script)
        print(f"bench: gnuplot failed ({e}); script kept in {script_path}", file=sys.stderr)
        return None
    return os.path.relpath(png, report_dir)


def pgbench_tps(path):
    try:
        text = open(path).read()
    except OSError:
        return None, None
    tps = re.search(r"tps = ([\d.]+)", text)
    lat = re.search(r"latency average = ([\d.]+) ms", text)
    return (float(tps.group(1)) if tps else None), (float(lat.group(1)) if lat else None)


PROCESS_ORDER = ["gateway-service", "subscription-service", "wallet-service", "session-service",
                 "scheduling-service", "notification-service", "postgresql", "kafka"]


def cmd_report(report_dir):
    index = [line.split("\t") for line in open(os.path.join(report_dir, "runs.tsv")).read().splitlines() if line]
    tpcb, tpcb_lat = pgbench_tps(os.path.join(report_dir, "baselines", "pgbench-tpcb.txt"))
    select, select_lat = pgbench_tps(os.path.join(report_dir, "baselines", "pgbench-select.txt"))
    out = [open(os.path.join(report_dir, "header.md")).read().rstrip(), ""]
    out += ["## Baselines (same PostgreSQL, scratch database, same run)", "",
            "| baseline | tps | average latency |", "|---|---|---|",
            f"| pgbench TPC-B, 8 clients | {tpcb or '-'} | {tpcb_lat or '-'} ms |",
            f"| pgbench select-only, 16 clients | {select or '-'} | {select_lat or '-'} ms |", ""]
    out += ["## Results", "",
            "Latencies in ms over every response of the measured phase (warm-up excluded). `ok/s` counts "
            "responses below 400; `errors` are responses of 400 and above. Ratios: `×select` is ok/s "
            "divided by pgbench select-only tps, `×direct` is the gateway's ok/s divided by the same "
            "scenario called straight at its service.", "",
            "| scenario | target | load | requests | ok/s | errors | p50 | p95 | p99 | max | ×select | ×direct |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    summaries = {}
    cpu_lines = []
    by_scenario = {}
    for scenario, target, load, rel in index:
        s = summarise(os.path.join(report_dir, rel))
        summaries[(scenario, target, load)] = s
        if s is None:
            out.append(f"| {scenario} | {target} | {load} | 0 | - | - | - | - | - | - | - | - |")
            continue
        timeline = os.path.join(report_dir, rel, "timeline.tsv")
        write_timeline(s, timeline)
        by_scenario.setdefault(scenario, []).append((f"{target} {load}", timeline))
        direct = summaries.get((scenario, "direct", load))
        ratio_direct = f"{s['ok_rps'] / direct['ok_rps']:.2f}" if target == "gateway" and direct and direct["ok_rps"] else "-"
        ratio_select = f"{s['ok_rps'] / select:.3f}" if select else "-"
        out.append(f"| {scenario} | {target} | {load} | {s['requests']} | {s['ok_rps']:.1f} | {s['errors']} | "
                   f"{fmt_ms(s['p50'])} | {fmt_ms(s['p95'])} | {fmt_ms(s['p99'])} | {fmt_ms(s['max'])} | "
                   f"{ratio_select} | {ratio_direct} |")
        if s["cpu"]:
            per = {p: s["cpu"][p] * 1000.0 / s["requests"] for p in s["cpu"] if s["cpu"][p] > 0}
            cells = " | ".join(f"{per[p]:.2f}" if p in per else "-" for p in PROCESS_ORDER)
            total = sum(per.get(p, 0) for p in PROCESS_ORDER)
            cpu_lines.append(f"| {scenario} | {target} | {load} | {cells} | {total:.2f} |")
    warmup_path = os.path.join(report_dir, "warmup.tsv")
    if os.path.exists(warmup_path):
        rows = [l.split("\t") for l in open(warmup_path).read().splitlines() if l]
        out += ["", "Warm-up before each target's first phase, and the CPU its last round's JIT compiler threads used "
                "(CPU seconds per second, all service JVMs together): "
                + "; ".join(f"{s} / {t} {sec} s ({share})" for s, t, sec, share in rows) + "."]
    out += ["", "Response codes per step:", ""]
    for (scenario, target, load), s in summaries.items():
        if s:
            codes = ", ".join(f"{k}: {v}" for k, v in sorted(s["status_counts"].items()))
            out.append(f"- {scenario} / {target} / {load}: {codes}")
    out += ["", "## CPU milliseconds per request, per process", "",
            "From /proc/PID/stat (utime+stime) before and after each measured phase, divided by the phase's "
            "responses. PostgreSQL counts only the backends connected to the stack's databases. The "
            "machine is shared, but these are the processes' own CPU times, so other load inflates them "
            "only through cache and scheduler effects, not directly.", "",
            "| scenario | target | load | " + " | ".join(PROCESS_ORDER) + " | total |",
            "|---|---|---|" + "---|" * (len(PROCESS_ORDER) + 1)]
    out += cpu_lines
    idle = cpu_delta(os.path.join(report_dir, "idle"))
    if idle:
        seconds = float(open(os.path.join(report_dir, "idle", "seconds")).read())
        out += ["", f"Idle cost, no requests for {seconds:.0f} s before the scenarios (background pollers, "
                "consumers, timers), CPU ms per second: "
                + ", ".join(f"{p} {idle[p] * 1000.0 / seconds:.0f}" for p in PROCESS_ORDER if p in idle)
                + ". At a low arrival rate this is a large part of the CPU per request above."]
    out += ["", "## After the load", ""]
    rss_path = os.path.join(report_dir, "rss.tsv")
    if os.path.exists(rss_path):
        rows = [l.split("\t") for l in open(rss_path).read().splitlines()[1:] if l]
        out += ["Resident memory (MiB): " + ", ".join(f"{name} {mib}" for name, mib in rows), ""]
    rec_path = os.path.join(report_dir, "reconciliation.json")
    if os.path.exists(rec_path):
        out += ["Wallet reconciliation (`GET /api/admin/wallet/reconciliation`): see "
                "[reconciliation.json](reconciliation.json): `" + open(rec_path).read().strip()[:300] + "`", ""]
    emails_path = os.path.join(report_dir, "emails.tsv")
    if os.path.exists(emails_path):
        rows = [l.split("\t") for l in open(emails_path).read().splitlines() if "\t" in l]
        out += ["Emails queued during the scenarios, by outcome (`delivery` rows of coachwork_notification): "
                + (", ".join(f"{status} {n}" for status, n in rows) or "none"), ""]
    checks_path = os.path.join(report_dir, "booking-checks.tsv")
    if os.path.exists(checks_path):
        out += ["Double-booking checks on `coachwork_scheduling` after the booking scenario (the first three must be 0):", ""]
        out += [f"- {name}: {value}" for name, value in
                (l.split("\t") for l in open(checks_path).read().splitlines() if l)]
        out += [""]
    out += ["## Latency over time", ""]
    for scenario, series in by_scenario.items():
        png = plot(report_dir, scenario, series)
        if png:
            out += [f"![{scenario}]({png})", ""]
    profiles = sorted(glob.glob(os.path.join(report_dir, "profiles", "*", "*.svg")))
    if profiles:
        out += ["## Profiles (JFR execution samples through the gateway, flame graphs)", "",
                "Share of a service's samples by area: each sample counts for the innermost frame that "
                "belongs to an area (JDK frames count for the library that called them). Then each "
                "profile's hottest leaf frames.", "",
                "| profile | samples | " + " | ".join(name for name, _ in CATEGORIES) + " | other |",
                "|---|---|" + "---|" * (len(CATEGORIES) + 1)]
        hot = []
        for svg in profiles:
            rel = os.path.relpath(svg, report_dir)
            total, shares, hottest = profile_breakdown(svg[:-4] + ".collapsed.gz")
            out.append(f"| [{rel}]({rel}) | {total} | " + " | ".join(f"{shares[name]:.0f}%" for name, _ in CATEGORIES)
                       + f" | {shares['other']:.0f}% |")
            hot.append((rel, hottest))
        out.append("")
        for rel, hottest in hot:
            out.append(f"- {rel}: " + "; ".join(f"`{frame}` {share:.1f}%" for frame, share in hottest))
        out.append("")
    with open(os.path.join(report_dir, "summary.md"), "w") as f:
        f.write("\n".join(out) + "\n")
    print(os.path.join(report_dir, "summary.md"))


def main(argv):
    commands = {"tokens": cmd_tokens, "fund": cmd_fund, "cpu": cmd_cpu, "collapse": cmd_collapse,
                "fold": cmd_fold, "report": cmd_report, "booking-setup": cmd_booking_setup,
                "booking-check": cmd_booking_check}
    if len(argv) < 2 or argv[1] not in commands:
        sys.exit(__doc__)
    commands[argv[1]](*argv[2:])


if __name__ == "__main__":
    main(sys.argv)
