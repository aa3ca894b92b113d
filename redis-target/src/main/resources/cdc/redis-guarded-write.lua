-- One change of one key, applied only if newer than what Redis holds (positions are
-- zero-padded decimal strings, so string order is numeric order). Runs after redis-json-members.lua.
-- KEYS: 1 value key, 2 position key, 3 table truncate barrier, 4 recent index (or ''),
--       5 recent index of the before image (or ''), 6 the row's index memory '<value key>:idx'
--       (or '' when the table has no recent index)
-- ARGV: 1 position, 2 'set'|'del', 3 JSON value, 4 delete-marker TTL seconds, 5 index member,
--       6 index score, 7 index size, 8.. names (JSON-escaped) of unchanged fields, whose value in
--       ARGV[3] is the placeholder: each takes the stored row's value, byte for byte
-- The index memory holds '<member length>:<member><index key>': the index the row is a member of,
-- whatever changes were rejected or replayed. That index key is not in KEYS: single Redis only.
local position = ARGV[1]
local barrier = redis.call('GET', KEYS[3])
if barrier and barrier >= position then return 0 end
local current = redis.call('GET', KEYS[2])
if current and current >= position then return 0 end

-- leaves the index the row is a member of now, unless it is the one it stays in
local function leave_index(stays)
  if KEYS[6] == '' then return end
  local memory = redis.call('GET', KEYS[6])
  local left
  if memory then
    local length, rest = string.match(memory, '^(%d+):(.*)$')
    left = string.sub(rest, tonumber(length) + 1)
  elseif redis.call('EXISTS', KEYS[1]) == 1 then
    left = KEYS[5] -- a row written before indexes were remembered: its before image is all there is
  else
    return
  end
  if left ~= '' and left ~= stays then redis.call('ZREM', left, ARGV[5]) end
end

if ARGV[2] == 'del' then
  leave_index(nil)
  redis.call('DEL', KEYS[1])
  if KEYS[6] ~= '' then redis.call('DEL', KEYS[6]) end
  -- the delete marker: a late replay of an older upsert finds it and loses
  redis.call('SET', KEYS[2], position, 'EX', tonumber(ARGV[4]))
  return 1
end

local value = ARGV[3]
if #ARGV > 7 then
  local unchanged = {}
  for i = 8, #ARGV do unchanged[ARGV[i]] = true end
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

leave_index(KEYS[4])
if KEYS[6] ~= '' then redis.call('SET', KEYS[6], #ARGV[5] .. ':' .. ARGV[5] .. KEYS[4]) end
redis.call('SET', KEYS[1], value)
redis.call('SET', KEYS[2], position)
if KEYS[4] ~= '' then
  redis.call('ZADD', KEYS[4], ARGV[6], ARGV[5])
  redis.call('ZREMRANGEBYRANK', KEYS[4], 0, -(tonumber(ARGV[7]) + 1))
end
return 1
