-- wrk script for Rapport: the realistic mix, or one operation class at a time.
--   wrk -s bench/http/mix.lua URL -- <data.lua> <class> <slot> <slots> <threads>
-- class: mix (send 20 %, lists 40 %, profile 30 %, answer 10 %: accept or ignore), send, lists,
-- profile, answer (accept or ignore), accept (accept only).
-- data.lua (written by bench/http/run.ts) sets `members` = { {token=, id=, answer={ids…}}, … }
-- and `ids` = every member id of the demo network (for recipients and profiles).
-- Each wrk thread takes its own slice of the members, so two threads never answer the same invitation.

local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("index", counter)
  table.insert(threads, thread)
end

local mine, classes, cursor
-- Globals, so that done() can read them from each thread with thread:get.
statuses = {}
local mixTable = { "send", "send", "lists", "lists", "lists", "lists", "profile", "profile", "profile", "answer" }

function init(args)
  dofile(args[1])
  local class = args[2] or "mix"
  local slot = tonumber(args[3] or "0")
  local slots = tonumber(args[4] or "1")
  local total = tonumber(args[5] or "1")
  mine = {}
  for i, m in ipairs(members) do
    if (i - 1) % total == (index - 1) then
      -- Each run that answers invitations gets its own share of them (slot of slots): no invitation is answered twice.
      local share = {}
      for k, id in ipairs(m.answer) do
        if (k - 1) % slots == slot then table.insert(share, id) end
      end
      table.insert(mine, { token = m.token, id = m.id, answer = share })
    end
  end
  if #mine == 0 then mine = members end
  classes = class
  cursor = 0
  statuses = {}
  math.randomseed(index * 7919 + os.time())
end

local function pick(list) return list[math.random(1, #list)] end

local function headers(member, json)
  local h = { ["Authorization"] = "Bearer " .. member.token }
  if json then h["Content-Type"] = "application/json" end
  return h
end

function request()
  cursor = cursor + 1
  local member = mine[(cursor % #mine) + 1]
  local class = classes
  if class == "mix" then class = mixTable[math.random(1, #mixTable)] end
  if class == "send" then
    local other = pick(ids)
    local body = '{"recipientId":"' .. other .. '","email":"' .. (emails[other] or "") .. '"}'
    if emails[other] == nil then body = '{"recipientId":"' .. other .. '"}' end
    return wrk.format("POST", "/api/v1/invitations", headers(member, true), body)
  elseif class == "lists" then
    if math.random() < 0.5 then
      return wrk.format("GET", "/api/v1/invitations/received?status=pending&limit=20", headers(member, false))
    end
    return wrk.format("GET", "/api/v1/invitations/sent?limit=20", headers(member, false))
  elseif class == "profile" then
    return wrk.format("GET", "/api/v1/members/" .. pick(ids), headers(member, false))
  else
    local id = table.remove(member.answer)
    if id == nil then
      return wrk.format("GET", "/api/v1/invitations/received?status=pending&limit=20", headers(member, false))
    end
    local action = (class == "accept" or math.random() < 0.5) and "accept" or "ignore"
    return wrk.format("POST", "/api/v1/invitations/" .. id .. "/" .. action, headers(member, true), "{}")
  end
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local merged = {}
  for _, thread in ipairs(threads) do
    local s = thread:get("statuses")
    if s then
      for code, n in pairs(s) do merged[code] = (merged[code] or 0) + n end
    end
  end
  local parts = {}
  for code, n in pairs(merged) do table.insert(parts, code .. "=" .. n) end
  io.write("STATUSES " .. table.concat(parts, ",") .. "\n")
  io.write(string.format("LATENCY p50=%.3f p90=%.3f p99=%.3f mean=%.3f\n", latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.mean / 1000))
  io.write(string.format("TOTAL requests=%d duration_us=%d errors=%d\n", summary.requests, summary.duration, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout + summary.errors.status))
end
