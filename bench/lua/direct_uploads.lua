-- wrk script: reserves direct uploads, the same JSON body every request, as fast as the server
-- answers. Each request writes a pending blob row and signs an upload URL.
--   DIRECT_UPLOADS_PATH  the endpoint (Rails: /rails/active_storage/direct_uploads)
--   AUTHORIZATION        an Authorization header value, or unset for none
-- Prints "RESULT rps R p50_ms P p99_ms P requests N errors E"; errors count non-2xx answers and
-- socket errors.
wrk.method = "POST"
wrk.path = os.getenv("DIRECT_UPLOADS_PATH") or "/api/storage/direct-uploads"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json"
local authorization = os.getenv("AUTHORIZATION")
if authorization and authorization ~= "" then
  wrk.headers["Authorization"] = authorization
end
wrk.body = '{"blob":{"filename":"photo.jpg","content_type":"image/jpeg","byte_size":1048576,"checksum":"1B2M2Y8AsgTpgAmY7PhCfg=="}}'

done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format("RESULT rps %.1f p50_ms %.2f p99_ms %.2f requests %d errors %d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests, errors.status + errors.connect + errors.read + errors.write + errors.timeout))
end
