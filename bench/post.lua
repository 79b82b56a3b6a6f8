-- wrk script for bench/run.py: POST one article (JSON body read from $BENCH_BODY_FILE) to
-- /v1/quotes and print one machine-readable summary line at the end.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = assert(io.open(os.getenv("BENCH_BODY_FILE"), "rb"))
wrk.body = f:read("*a")
f:close()

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests": %d, "duration_us": %d, "mean_us": %.1f, "p50_us": %d, "p95_us": %d, ' ..
    '"p99_us": %d, "max_us": %d, "err_status": %d, "err_timeout": %d, "err_connect": %d, ' ..
    '"err_read": %d, "err_write": %d}\n',
    summary.requests, summary.duration, latency.mean, latency:percentile(50),
    latency:percentile(95), latency:percentile(99), latency.max, e.status, e.timeout,
    e.connect, e.read, e.write))
end
