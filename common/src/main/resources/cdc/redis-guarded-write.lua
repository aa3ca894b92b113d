-- One change of one key, applied only if newer than what Redis holds (positions are
-- zero-padded decimal strings, so string order is numeric order).
-- KEYS: 1 value key, 2 position key, 3 table truncate barrier, 4 recent index (or ''),
--       5 recent index the row leaves (or '')
-- ARGV: 1 position, 2 'set'|'del', 3 JSON value, 4 delete-marker TTL seconds,
--       5 unchanged fields ',a,b,' (or ''), 6 index member, 7 index score, 8 index size
local position = ARGV[1]
local barrier = redis.call('GET', KEYS[3])
if barrier and barrier >= position then return 0 end
local current = redis.call('GET', KEYS[2])
if current and current >= position then return 0 end
if ARGV[2] == 'del' then
  redis.call('DEL', KEYS[1])
  -- the delete marker: a late replay of an older upsert finds it and loses
  redis.call('SET', KEYS[2], position, 'EX', tonumber(ARGV[4]))
  if KEYS[5] ~= '' then redis.call('ZREM', KEYS[5], ARGV[6]) end
  return 1
end
local value = ARGV[3]
if ARGV[5] ~= '' then
  local previous = redis.call('GET', KEYS[1])
  if previous then
    local document = cjson.decode(value)
    local kept = cjson.decode(previous)
    for field in string.gmatch(ARGV[5], '[^,]+') do document[field] = kept[field] end
    value = cjson.encode(document)
  end
end
redis.call('SET', KEYS[1], value)
redis.call('SET', KEYS[2], position)
if KEYS[5] ~= '' and KEYS[5] ~= KEYS[4] then redis.call('ZREM', KEYS[5], ARGV[6]) end
if KEYS[4] ~= '' then
  redis.call('ZADD', KEYS[4], ARGV[7], ARGV[6])
  redis.call('ZREMRANGEBYRANK', KEYS[4], 0, -(tonumber(ARGV[8]) + 1))
end
return 1
