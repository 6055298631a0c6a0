-- wrk script for every bench scenario. Run with one connection per thread (-t N -c N) so each
-- thread's Lua state is one connection's state: multi-step scenarios (create then cancel) keep
-- the session id here.
--
-- Environment:
--   BENCH_SCENARIO  subscription | hours-balance | session-cancel | session-start-end | purchase-hours | booking
--   BENCH_TOKENS    file of tutor tokens, one per line ("id token"); for booking, student tokens
--   BENCH_SLOTS     booking: file of free ONE_TO_ONE slot ids, one per line; thread i books ids i, i+N, ...
--   BENCH_WEBHOOK_SECRET  booking: the Stripe webhook secret wallet-service checks signatures with
--   BENCH_FUNDED    only the first N tokens (wallets funded) are used
--   BENCH_CONNECTIONS  connection (= thread) count, as given to wrk
--   BENCH_RATE      total requests/s for all connections (0 or unset: as fast as possible)
--   BENCH_OUT       directory for per-request samples (one file per thread), unset for none
--   BENCH_PREFIX    path prefix put before every API path ("" for the gateway and the services)
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clk_id, bench_timespec *tp);
  typedef struct evp_md_st EVP_MD;
  const EVP_MD *EVP_sha256(void);
  unsigned char *HMAC(const EVP_MD *evp_md, const void *key, int key_len, const unsigned char *d, size_t n,
                      unsigned char *md, unsigned int *md_len);
]]
local CLOCK_REALTIME = 0

local function now_ms()
  local ts = ffi.new("bench_timespec")
  ffi.C.clock_gettime(CLOCK_REALTIME, ts)
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

local scenario = os.getenv("BENCH_SCENARIO") or "subscription"
local rate = tonumber(os.getenv("BENCH_RATE") or "0")
local out_dir = os.getenv("BENCH_OUT")

-- main-thread setup: number the threads (one connection each).
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("index", threads)
end

-- per-thread state
local tokens = {}
local next_token = 1
local interval_ms = 0
local next_send = 0
local sent_at = 0
local out = nil
local step = "create"
local session_id = nil
local tutor = nil
local slots = {}
local next_slot = 1
local booking = nil

local API = "/api/marketplace/tutor"

function init(args)
  local file = assert(os.getenv("BENCH_TOKENS"), "BENCH_TOKENS is not set")
  local limit = tonumber(os.getenv("BENCH_FUNDED") or "0")
  local count = assert(tonumber(os.getenv("BENCH_CONNECTIONS")), "BENCH_CONNECTIONS is not set")
  local n = 0
  -- thread i takes tokens i, i+count, i+2*count ...: no two connections share a tutor, so a
  -- multi-step scenario never races another connection on the same tutor's hours.
  for line in io.lines(file) do
    n = n + 1
    if limit > 0 and n > limit then break end
    if (n - 1) % count == index - 1 then
      local id, token = line:match("^(%d+) (%S+)$")
      table.insert(tokens, { id = id, header = "Bearer " .. token })
    end
  end
  assert(#tokens > 0, "no tokens for thread " .. index)
  if scenario == "booking" then
    local n_slot = 0
    local slot_file = assert(os.getenv("BENCH_SLOTS"), "BENCH_SLOTS is not set")
    for line in io.lines(slot_file) do
      n_slot = n_slot + 1
      if (n_slot - 1) % count == index - 1 then table.insert(slots, line) end
    end
    step = "book"
  end
  if rate > 0 then
    interval_ms = count * 1000.0 / rate
    -- spread the connections' first requests over one interval
    next_send = now_ms() + interval_ms * (index - 1) / count
  end
  if out_dir then
    out = assert(io.open(out_dir .. "/samples-" .. index .. ".tsv", "w"))
    -- wrk never closes a thread's state, so only line buffering gets every sample to disk
    out:setvbuf("line")
  end
end

local function pick_tutor()
  local t = tokens[next_token]
  next_token = next_token % #tokens + 1
  return t
end

local function iso(seconds)
  return os.date("!%Y-%m-%dT%H:%M:%S.000Z", seconds)
end

local prefix = os.getenv("BENCH_PREFIX") or ""

local function get(path, t)
  return wrk.format("GET", prefix .. path, { Authorization = t.header })
end

local function post(path, t, body)
  return wrk.format("POST", prefix .. path,
    { Authorization = t.header, ["Content-Type"] = "application/json" }, body)
end

local function create_session(t)
  -- starts 20 s ago (within the service's 1-minute grace) so it can be started at once; 30 minutes
  -- are reserved and released again by cancel/end.
  local start = os.time() - 20
  local body = string.format(
    '{"title":"bench","start_time":"%s","end_time":"%s","student_ids":[2001]}', iso(start), iso(start + 1800))
  return post(API .. "/coaching/sessions", t, body)
end

-- Stripe's webhook signature, t=<unix seconds>,v1=hex(HMAC-SHA256(secret, t.payload)), through libcrypto.
local crypto = nil
local webhook_secret = os.getenv("BENCH_WEBHOOK_SECRET") or ""
local function stripe_signature(payload)
  crypto = crypto or ffi.load("crypto")
  local t = tostring(os.time())
  local data = t .. "." .. payload
  local md = ffi.new("unsigned char[32]")
  local len = ffi.new("unsigned int[1]")
  crypto.HMAC(crypto.EVP_sha256(), webhook_secret, #webhook_secret, data, #data, md, len)
  local hex = {}
  for i = 0, len[0] - 1 do hex[#hex + 1] = string.format("%02x", md[i]) end
  return "t=" .. t .. ",v1=" .. table.concat(hex)
end

local event_counter = 0
-- The payment_intent.succeeded event Stripe posts once the student's card is charged (wallet-service reads
-- the amount, currency and booking_id metadata from it, as from Stripe).
local function succeeded_webhook(b)
  event_counter = event_counter + 1
  local payload = string.format('{"id":"evt_bench_%d_%d_%d","object":"event","api_version":"2025-11-17.clover",'
    .. '"created":%d,"data":{"object":{"id":"%s","object":"payment_intent","amount":%d,"amount_received":%d,'
    .. '"currency":"%s","status":"succeeded","metadata":{"booking_id":"%s"}}},"livemode":false,'
    .. '"pending_webhooks":1,"request":{"id":null,"idempotency_key":null},"type":"payment_intent.succeeded"}',
    index, event_counter, os.time(), os.time(), b.intent, b.amount, b.amount, b.currency, b.id)
  return wrk.format("POST", prefix .. "/api/webhooks/stripe",
    { ["Content-Type"] = "application/json", ["Stripe-Signature"] = stripe_signature(payload) }, payload)
end

local builders = {
  ["subscription"] = function() return get(API .. "/subscription", pick_tutor()), "get" end,
  ["hours-balance"] = function() return get(API .. "/coaching/hours-balance", pick_tutor()), "get" end,
  ["purchase-hours"] = function()
    return post(API .. "/coaching/purchase-hours", pick_tutor(), '{"hours": 0.5}'), "purchase"
  end,
  ["session-cancel"] = function()
    if step == "create" then
      tutor = pick_tutor()
      return create_session(tutor), "create"
    end
    return wrk.format("DELETE", prefix .. API .. "/coaching/sessions/" .. session_id,
      { Authorization = tutor.header }), "cancel"
  end,
  ["session-start-end"] = function()
    if step == "create" then
      tutor = pick_tutor()
      return create_session(tutor), "create"
    end
    return post(API .. "/coaching/sessions/" .. session_id .. "/" .. step, tutor, nil), step
  end,
  -- a student books the next slot of this connection's share (the seat is held, a PaymentIntent opened),
  -- then Stripe's signed webhook confirms it
  ["booking"] = function()
    if step == "confirm" then
      return succeeded_webhook(booking), "confirm"
    end
    local slot = slots[next_slot]
    assert(slot, "thread " .. index .. " ran out of slots: prepare more (BENCH_BOOKING_TUTORS)")
    next_slot = next_slot + 1
    return post("/api/teaching/sessions/book", pick_tutor(), '{"slot_id": ' .. slot .. '}'), "book"
  end,
}
local build = assert(builders[scenario], "unknown BENCH_SCENARIO " .. scenario)
local current_step = nil

function request()
  local req
  req, current_step = build()
  sent_at = now_ms()
  return req
end

if rate > 0 then
  function delay()
    local now = now_ms()
    next_send = next_send + interval_ms
    -- a connection that fell behind does not burst to catch up (wrk2 would; its latency then
    -- includes the wait, ours shows as a lower achieved rate in the report instead).
    if next_send < now then next_send = now end
    return math.floor(next_send - now)
  end
end

local transitions = {
  ["session-cancel"] = { create = "cancel", cancel = "create" },
  ["session-start-end"] = { create = "start", start = "end", ["end"] = "create" },
}

function response(status, headers, body)
  local done = now_ms()
  if out then
    out:write(string.format("%.1f\t%.2f\t%d\t%s\n", done, done - sent_at, status, current_step))
  end
  if scenario == "booking" then
    step = "book"
    if current_step == "book" and status == 201 then
      local price = tonumber(body:match('"price":([%d.]+)'))
      booking = { id = body:match('"id":"([^"]+)"'), intent = body:match('"payment_intent_id":"([^"]+)"'),
                  currency = (body:match('"currency":"(%a+)"') or ""):lower(),
                  amount = price and math.floor(price * 100 + 0.5) or 0 }
      -- a booking answered before its PaymentIntent exists has nothing to confirm (it shows in the checks)
      if booking.id and booking.intent then step = "confirm" end
    end
    return
  end
  local flow = transitions[scenario]
  if not flow then return end
  if current_step == "create" then
    -- 201 (hours reserved) or 202 (reservation still pending): either can be cancelled/started
    session_id = status < 300 and body:match('"id":(%d+)') or nil
    step = session_id and flow.create or "create"
  else
    -- a failed step abandons the session (it shows as an error) and starts a new one
    step = status < 300 and flow[current_step] or "create"
  end
end

function done(summary, latency, requests)
  io.write(string.format("wrk: %d requests, %d errors (connect %d, read %d, write %d, status %d, timeout %d)\n",
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.status, summary.errors.timeout))
end
