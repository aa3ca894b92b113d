-- Truncate as a position barrier: raise the table's barrier, then remove the given rows whose
-- position is older than it. Rows written after the truncate (from other partitions) stay.
-- KEYS: 1 barrier, 2.. position keys (value key = position key without ':pos'); ARGV: 1 position
local barrier = redis.call('GET', KEYS[1])
if (not barrier) or barrier < ARGV[1] then redis.call('SET', KEYS[1], ARGV[1]) end
local removed = 0
for i = 2, #KEYS do
  local position = redis.call('GET', KEYS[i])
  if position and position < ARGV[1] then
    redis.call('DEL', KEYS[i], string.sub(KEYS[i], 1, -5))
    removed = removed + 1
  end
end
return removed
