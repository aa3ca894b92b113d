-- The top-level members of a JSON object as the writer stores it (compact JSON from Jackson),
-- read without decoding: cjson turns 9007199254740993 into 9.007199254741e+15 and [] into {},
-- so values are only ever copied as the bytes they are. Prepended to the scripts that use it.
local function json_string_end(s, i) -- i: the opening quote; returns the closing quote's index
  local j = i + 1
  while true do
    local k = string.find(s, '["\\]', j)
    if not k then return error('unterminated JSON string') end
    if string.byte(s, k) == 34 then return k end
    j = k + 2 -- an escape: skip the escaped character (\uXXXX's digits need no care)
  end
end

local function json_value_end(s, i) -- i: the value's first byte; returns its last byte's index
  local c = string.byte(s, i)
  if c == 34 then return json_string_end(s, i) end
  if c == 123 or c == 91 then
    local depth, j = 0, i
    while true do
      local k = string.find(s, '[%[%]{}"]', j)
      if not k then return error('unterminated JSON value') end
      local b = string.byte(s, k)
      if b == 34 then
        j = json_string_end(s, k) + 1
      else
        if b == 123 or b == 91 then depth = depth + 1 else depth = depth - 1 end
        if depth == 0 then return k end
        j = k + 1
      end
    end
  end
  local k = string.find(s, '[,}%]%s]', i) -- a number, true, false or null
  return (k or (#s + 1)) - 1
end

-- { {raw name (escaped, no quotes), value start, value end}, ... } in document order
local function json_members(s)
  local found = {}
  local i = string.find(s, '{', 1, true)
  if not i then return error('not a JSON object') end
  i = string.find(s, '%S', i + 1)
  if not i or string.byte(s, i) == 125 then return found end
  while true do
    local name_end = json_string_end(s, i)
    local colon = string.find(s, ':', name_end + 1, true)
    local start = string.find(s, '%S', colon + 1)
    local finish = json_value_end(s, start)
    found[#found + 1] = { string.sub(s, i + 1, name_end - 1), start, finish }
    i = string.find(s, '%S', finish + 1)
    if not i or string.byte(s, i) == 125 then return found end
    i = string.find(s, '%S', i + 1) -- past the comma
  end
end

