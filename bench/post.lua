-- wrk script: POST /api/predictions with bodies rotating through a file of JSON objects, one per
-- line (written by com.routingml.bench.BenchPrepare). Usage:
--   wrk -t2 -c16 -d30s --latency -s bench/post.lua http://127.0.0.1:9280/api/predictions -- BODIES.jsonl
-- Each wrk thread starts at its own offset, so threads do not send the same body in lock-step.

local counter = 0

function setup(thread)
  thread:set("offset", counter * 257)
  counter = counter + 1
end

local bodies = {}
local i = 0

function init(args)
  local path = args[1] or "/tmp/bench/bodies-attributes.jsonl"
  for line in io.lines(path) do
    if #line > 0 then
      bodies[#bodies + 1] = line
    end
  end
  if #bodies == 0 then
    error("no request bodies in " .. path)
  end
  i = (offset or 0) % #bodies
end

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

-- WRK_DELAY_MS > 0: each connection waits that long between requests (paced load instead of a
-- closed loop at full speed; bench/health-under-load.sh).
local pause = tonumber(os.getenv("WRK_DELAY_MS") or "0")
if pause > 0 then
  function delay()
    return pause
  end
end

function request()
  i = i % #bodies + 1
  return wrk.format(nil, nil, nil, bodies[i])
end
