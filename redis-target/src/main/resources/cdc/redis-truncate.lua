-- Truncate of one row: removes it when older than the truncate (the caller raised the table's
-- barrier in every slot first, so no older change can write it after). Rows written after the
-- truncate (from other partitions) stay.
-- KEYS: 1 position key, 2 value key, 3 index memory, 4 indexes left (see redis-guarded-write.lua);
-- ARGV: 1 the truncate's position
-- Returns {1 removed | 0 kept, the row's index member (or ''), the indexes to leave...}: the
-- caller removes the member from them, then them from the list.
local position = redis.call('GET', KEYS[1])
if (not position) or position >= ARGV[1] then return { 0, '' } end
local member = ''
local memory = redis.call('GET', KEYS[3])
if memory then
  local length, rest = string.match(memory, '^(%d+):(.*)$')
  member = string.sub(rest, 1, tonumber(length))
  local index = string.sub(rest, tonumber(length) + 1)
  if index ~= '' then redis.call('SADD', KEYS[4], index) end
end
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])
local answer = { 1, member }
for _, left in ipairs(redis.call('SMEMBERS', KEYS[4])) do answer[#answer + 1] = left end
return answer
