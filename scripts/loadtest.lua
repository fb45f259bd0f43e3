-- The request mix of scripts/loadtest.py (make loadtest), for wrk.
--
--   wrk -t2 -c32 -d75s --latency -s scripts/loadtest.lua URL -- \
--       PREFIX USER_AGENT LOAD_SECONDS NAME PATH CLASS [NAME PATH CLASS ...]
--
-- Each thread sends the paths in turn (plan, archive, news...) as a browser would:
-- a browser User-Agent, Accept: text/html and a visitor cookie thdtre_visitor of
-- exactly 32 letters and digits that no other request of the run uses
-- (PREFIX .. two-digit thread number .. zero-padded request number), so the news
-- item's view counter counts every news request.
--
-- wrk does not tell response() which request it answers (a thread's connections
-- interleave), so a response is matched to its page by a class of its <body> tag
-- (CLASS: portaltype-news-item for a news item); an unmatched one counts as
-- "unknown". done() prints one line, LOADTEST_JSON {...}, that loadtest.py reads.
--
-- After LOAD_SECONDS no new request starts: the rest of wrk's duration lets the
-- requests in flight finish, so every request sent is also answered and counted
-- (wrk drops those still in flight when it stops, though the server serves them).
-- "loaded" counts the responses that completed within LOAD_SECONDS.

local ffi = require("ffi")
ffi.cdef([[
typedef struct { long tv_sec; long tv_nsec; } loadtest_timespec;
int clock_gettime(int clock_id, loadtest_timespec *tp);
]])
local CLOCK_MONOTONIC = 1
local timespec = ffi.new("loadtest_timespec")

local function now()
   ffi.C.clock_gettime(CLOCK_MONOTONIC, timespec)
   return tonumber(timespec.tv_sec) + tonumber(timespec.tv_nsec) * 1e-9
end

local threads = {}

function setup(thread)
   table.insert(threads, thread)
   thread:set("id", #threads)
end

function init(args)
   prefix = args[1]
   load_seconds = tonumber(args[3])
   names, paths, classes = {}, {}, {}
   for i = 4, #args, 3 do
      table.insert(names, args[i])
      table.insert(paths, args[i + 1])
      table.insert(classes, " " .. args[i + 2] .. " ")
   end
   width = 32 - #prefix - 2
   if #paths == 0 or not load_seconds or id > 99 or width < 6 then
      error("usage: -- PREFIX USER_AGENT LOAD_SECONDS NAME PATH CLASS [...]")
   end
   -- Per page: requests made (wrk makes one more in the first thread, before the
   -- run, to check it, and never sends it), 2xx and other responses.
   sent, ok, failed = {}, { unknown = 0 }, { unknown = 0 }
   for _, name in ipairs(names) do
      sent[name], ok[name], failed[name] = 0, 0, 0
   end
   counter, loaded = 0, 0
   cookie = "thdtre_visitor=" .. prefix .. string.format("%02d", id) .. "%0" .. width .. "d"
   wrk.headers["User-Agent"] = args[2]
   wrk.headers["Accept"] = "text/html"
   started = now()
end

-- Milliseconds to wait before the next request: none while loading, then longer
-- than the rest of the run.
function delay()
   if now() - started < load_seconds then
      return 0
   end
   return 3600 * 1000
end

function request()
   counter = counter + 1
   local i = (counter - 1) % #paths + 1
   sent[names[i]] = sent[names[i]] + 1
   wrk.headers["Cookie"] = string.format(cookie, counter)
   return wrk.format("GET", paths[i])
end

-- The name of the page whose <body> tag carries one of the classes, or "unknown".
local function page_of(body)
   local start = body and string.find(body, "<body", 1, true)
   if not start then
      return "unknown"
   end
   local stop = string.find(body, ">", start, true) or #body
   local found = string.match(string.sub(body, start, stop), 'class="([^"]*)"')
   if not found then
      return "unknown"
   end
   found = " " .. found .. " "
   for i, class in ipairs(classes) do
      if string.find(found, class, 1, true) then
         return names[i]
      end
   end
   return "unknown"
end

function response(status, headers, body)
   if now() - started <= load_seconds then
      loaded = loaded + 1
   end
   local name = page_of(body)
   if status >= 200 and status < 300 then
      ok[name] = ok[name] + 1
   else
      failed[name] = failed[name] + 1
   end
end

-- {name: number} as JSON; the names are plain words (checked by loadtest.py).
local function object(counts)
   local parts = {}
   for name, count in pairs(counts) do
      table.insert(parts, string.format('"%s":%d', name, count))
   end
   table.sort(parts)
   return "{" .. table.concat(parts, ",") .. "}"
end

-- Adds each thread's table `name` into one table.
local function total(name)
   local sum = {}
   for _, thread in ipairs(threads) do
      for key, count in pairs(thread:get(name) or {}) do
         sum[key] = (sum[key] or 0) + count
      end
   end
   return sum
end

function done(summary, latency, requests)
   local e = summary.errors
   local loaded_total = 0
   for _, thread in ipairs(threads) do
      loaded_total = loaded_total + thread:get("loaded")
   end
   io.write(
      "LOADTEST_JSON ",
      string.format(
         '{"requests":%d,"loaded":%d,"load_s":%g,"duration_us":%d,"bytes":%d,"latency_us":'
            .. '{"p50":%.0f,"p90":%.0f,"p99":%.0f,"max":%.0f,"mean":%.0f},'
            .. '"socket_errors":{"connect":%d,"read":%d,"write":%d,"timeout":%d},'
            .. '"status_errors":%d,"sent":%s,"ok":%s,"failed":%s}',
         summary.requests,
         loaded_total,
         threads[1]:get("load_seconds"),
         summary.duration,
         summary.bytes,
         latency:percentile(50),
         latency:percentile(90),
         latency:percentile(99),
         latency.max,
         latency.mean,
         e.connect,
         e.read,
         e.write,
         e.timeout,
         e.status,
         object(total("sent")),
         object(total("ok")),
         object(total("failed"))
      ),
      "\n"
   )
end
