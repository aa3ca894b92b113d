-- One change of one key, applied only if newer than what Redis holds (positions are
-- zero-padded decimal strings, so string order is numeric order). Runs after redis-json-members.lua.
-- Every key is in the row's hash slot (the row key's hash tag; the barrier is the copy of the
-- table's barrier in that slot on a cluster), so it runs on a cluster as on a single Redis.
-- KEYS: 1 value key, 2 position key, 3 table truncate barrier, 4 index memory '<value key>:idx',
--       5 indexes left '<value key>:left' (a set)
-- ARGV: 1 position, 2 'set'|'del', 3 JSON value, 4 delete-marker TTL seconds, 5 index member,
--       6 recent index of the change ('' when none), 7 recent index of the before image (or ''),
--       8 '1' when the table has a recent index, 9.. names (JSON-escaped) of unchanged fields,
--       whose value in ARGV[3] is the placeholder: each takes the stored row's value, byte for byte
-- The recent indexes are in other slots: this script only says what they must do, and the caller
-- does it. Returns {1 written | 0 not, the index to join (or ''), the indexes to leave...}.
-- The index memory holds '<member length>:<member><index key>': the index the row is in, whatever
-- changes were rejected or replayed. The indexes left stay listed until the caller, having removed
-- the member from them, removes them from the list: a crash in between is repaired by the replay,
-- which finds them still listed (and a replay of the change last written joins its index again).
local position = ARGV[1]
local indexed = ARGV[8] == '1'

local function remembered_index(memory)
  local length, rest = string.match(memory, '^(%d+):(.*)$')
  return string.sub(rest, tonumber(length) + 1)
end

local function reply(written, join)
  local answer = { written, join }
  if indexed then
    for _, left in ipairs(redis.call('SMEMBERS', KEYS[5])) do answer[#answer + 1] = left end
  end
  return answer
end

local barrier = redis.call('GET', KEYS[3])
local current = redis.call('GET', KEYS[2])
if (barrier and barrier >= position) or (current and current >= position) then
  local join = ''
  if indexed and current == position then -- this very change again: its index may lack the row
    local memory = redis.call('GET', KEYS[4])
    if memory then join = remembered_index(memory) end
  end
  return reply(0, join)
end

local joins = ''
if ARGV[2] == 'set' then joins = ARGV[6] end
if indexed then
  local memory = redis.call('GET', KEYS[4])
  local was = ''
  if memory then
    was = remembered_index(memory)
  elseif redis.call('EXISTS', KEYS[1]) == 1 then
    was = ARGV[7] -- a row written before indexes were remembered: its before image is all there is
  end
  if was ~= '' and was ~= joins then redis.call('SADD', KEYS[5], was) end
  if joins ~= '' then redis.call('SREM', KEYS[5], joins) end
end

if ARGV[2] == 'del' then
  redis.call('DEL', KEYS[1])
  -- the delete marker: a late replay of an older upsert finds it and loses
  redis.call('SET', KEYS[2], position, 'EX', tonumber(ARGV[4]))
  -- in no index now; the member stays known while indexes are left to leave (a truncate reads it)
  if indexed then redis.call('SET', KEYS[4], #ARGV[5] .. ':' .. ARGV[5], 'EX', tonumber(ARGV[4])) end
  return reply(1, '')
end

local value = ARGV[3]
if #ARGV > 8 then
  local unchanged = {}
  for i = 9, #ARGV do unchanged[ARGV[i]] = true end
  local kept = {}
  local stored = redis.call('GET', KEYS[1])
  if stored then
    for _, member in ipairs(json_members(stored)) do
      kept[member[1]] = string.sub(stored, member[2], member[3])
    end
  end
  local parts = {}
  for _, member in ipairs(json_members(value)) do
    local raw = string.sub(value, member[2], member[3])
    if unchanged[member[1]] and raw == '"__debezium_unavailable_value"' then
      raw = kept[member[1]] -- absent from the stored row (or no row): the field is left out
    end
    if raw then parts[#parts + 1] = '"' .. member[1] .. '":' .. raw end
  end
  value = '{' .. table.concat(parts, ',') .. '}'
end

if indexed then redis.call('SET', KEYS[4], #ARGV[5] .. ':' .. ARGV[5] .. joins) end
redis.call('SET', KEYS[1], value)
redis.call('SET', KEYS[2], position)
return reply(1, joins)
