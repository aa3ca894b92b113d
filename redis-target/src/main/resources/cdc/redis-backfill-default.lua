-- Gives rows that lack a field the default their table declares for it (ALTER TABLE ... ADD COLUMN
-- ... DEFAULT fills existing source rows without a change event). Compare-and-set: a field a
-- change wrote, whatever its value, is never touched; run twice, it changes nothing. Runs after
-- redis-json-members.lua.
-- KEYS: value keys; ARGV: pairs of field name (JSON-escaped) and the member '"name":value' to add
local filled = 0
for i = 1, #KEYS do
  local document = redis.call('GET', KEYS[i])
  if document then
    local present = {}
    local members = json_members(document)
    for _, member in ipairs(members) do present[member[1]] = true end
    local added = {}
    for j = 1, #ARGV, 2 do
      if not present[ARGV[j]] then added[#added + 1] = ARGV[j + 1] end
    end
    if #added > 0 then
      local last = string.find(document, '}%s*$')
      local separator = #members > 0 and ',' or ''
      redis.call('SET', KEYS[i], string.sub(document, 1, last - 1) .. separator .. table.concat(added, ',') .. '}')
      filled = filled + 1
    end
  end
end
return filled
