-- wrk script for bench/run-load.sh: wrk paced to about a fixed rate, to compare with the generator's open model
-- (plain wrk has no fixed-rate mode and wrk2 is not packaged in Debian). After each response a connection waits
-- delay() ms before its next request; wrk's delay() takes whole milliseconds, so the wait is floor(mean) or
-- floor(mean) + 1 at random with the right average. The argument after "--" is the mean in ms (connections / rate).
-- wrk times each request from when it is written, so the wait is not part of the latency. Closed-loop with think time:
-- a slow response delays the connection's next request (no coordinated-omission correction, unlike the open model).
local mean = 0

init = function(args)
  mean = tonumber(args[1]) or 0
  math.randomseed(os.time() + math.floor(os.clock() * 1e6))
end

delay = function()
  local whole = math.floor(mean)
  if math.random() < mean - whole then
    return whole + 1
  end
  return whole
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "WRK requests=%d duration_us=%d p50_us=%d p95_us=%d p99_us=%d max_us=%d connect=%d read=%d write=%d status=%d timeout=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    latency.max, e.connect, e.read, e.write, e.status, e.timeout))
end
