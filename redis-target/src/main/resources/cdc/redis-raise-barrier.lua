-- Raises a truncate barrier (one key, or one copy of it per hash slot on a cluster) to a position,
-- never lowers it. KEYS: 1 barrier; ARGV: 1 position
local barrier = redis.call('GET', KEYS[1])
if (not barrier) or barrier < ARGV[1] then redis.call('SET', KEYS[1], ARGV[1]) end
return 1
