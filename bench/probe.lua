-- wrk script for health probes as a load balancer sends them (bench/health-under-load.sh): GET,
-- one connection, a new TCP connection per probe (Connection: close), PROBE_DELAY_MS between probes.
-- wrk times each probe in C on its event loop; curl's and Python's own overhead (1-3 ms per call
-- on this machine) would otherwise swamp a sub-millisecond server time.
wrk.headers["Connection"] = "close"
local pause = tonumber(os.getenv("PROBE_DELAY_MS") or "50")

function delay()
  return pause
end
