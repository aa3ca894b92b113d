-- Truncate as a position barrier: raise the table's barrier, then remove the given rows whose
-- position is older than it, with their recent-index membership. Rows written after the truncate
-- (from other partitions) stay.
-- KEYS: 1 barrier, 2.. position keys (value key = position key without ':pos'); ARGV: 1 position
-- A row's index memory ('<value key>:idx', see redis-guarded-write.lua) and the index it names
-- are derived, not passed in KEYS: single Redis only.
local barrier = redis.call('GET', KEYS[1])
if (not barrier) or barrier < ARGV[1] then redis.call('SET', KEYS[1], ARGV[1]) end
local removed = 0
for i = 2, #KEYS do
  local position = redis.call('GET', KEYS[i])
  if position and position < ARGV[1] then
    local row = string.sub(KEYS[i], 1, -5)
    local memory = redis.call('GET', row .. ':idx')
    if memory then
      local length, rest = string.match(memory, '^(%d+):(.*)$')
      local index = string.sub(rest, tonumber(length) + 1)
      if index ~= '' then redis.call('ZREM', index, string.sub(rest, 1, tonumber(length))) end
    end
    redis.call('DEL', KEYS[i], row, row .. ':idx')
    removed = removed + 1
  end
end
return removed
