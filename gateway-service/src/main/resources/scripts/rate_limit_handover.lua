-- The shared token buckets every gateway instance hands its requests to: one hash per caller
-- (tokens, ts = milliseconds of Redis' clock), topped up at ARGV[1] tokens per second up to ARGV[2],
-- then charged ARGV[2 + i] tokens for KEYS[i]. A bucket may go below zero, down to minus its capacity,
-- when instances together let through more than it held: the excess is then paid back before the
-- caller gets more. Answers each bucket's level in thousandths of a token.
local rate = tonumber(ARGV[1])
local capacity = tonumber(ARGV[2])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
-- Left alone this long, a bucket is full again, which is what a missing bucket means.
local ttl = math.max(1, math.ceil(2 * capacity / rate))
local levels = {}
for i, key in ipairs(KEYS) do
  local state = redis.call('HMGET', key, 'tokens', 'ts')
  local tokens = tonumber(state[1]) or capacity
  local ts = tonumber(state[2]) or now
  if now > ts then
    tokens = math.min(capacity, tokens + (now - ts) * rate / 1000)
    ts = now
  end
  tokens = math.max(-capacity, tokens - tonumber(ARGV[i + 2]))
  redis.call('HSET', key, 'tokens', tostring(tokens), 'ts', tostring(ts))
  redis.call('EXPIRE', key, ttl)
  levels[i] = math.floor(tokens * 1000)
end
return levels
