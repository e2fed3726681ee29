-- Heron's second wall (the first is the Heron server's proxy policy, server/src/http/proxy-policy.ts).
-- Orthanc calls IncomingHttpRequestFilter before it handles any HTTP request; returning false answers 403.
-- Only what the Heron server itself does is allowed:
--   * DICOMweb reads (QIDO-RS, WADO-RS, WADO-URI) with GET or HEAD,
--   * STOW-RS of the objects it writes (and of the reader's SEG/SR that its proxy has checked),
--   * the few REST calls it makes: GET /system (start-up check), POST /instances (loading the demo studies),
--     POST /tools/lookup and POST /tools/find (is a study there, how many instances it has), and the read-only
--     facts `heron doctor` checks: GET /plugins, GET /plugins/dicom-web, GET /tools/now.
-- Everything else (DELETE, /modify, /tools/shutdown, /tools/reset, the explorer, plugins' admin routes) is refused,
-- whoever asks: Heron's service account is the only Orthanc account.

local function has_tricks(uri)
  -- Dot segments, doubled or back slashes and leftover encodings are how a path escapes its prefix.
  return uri:find('%.%.', 1) ~= nil or uri:find('//', 1, true) ~= nil or uri:find('\\', 1, true) ~= nil
    or uri:find('%', 1, true) ~= nil or uri:find('/%./') ~= nil or uri:sub(-2) == '/.'
end

local function starts(uri, prefix)
  return uri:sub(1, #prefix) == prefix
end

local REST = {
  ['GET /system'] = true,
  ['POST /instances'] = true,
  ['POST /tools/lookup'] = true,
  ['POST /tools/find'] = true,
  ['GET /plugins'] = true,
  ['GET /plugins/dicom-web'] = true,
  ['GET /tools/now'] = true,
}

function IncomingHttpRequestFilter(method, uri, ip, username, httpHeaders)
  if ip ~= '127.0.0.1' and ip ~= '::1' then
    return false
  end
  if has_tricks(uri) then
    return false
  end
  if REST[method .. ' ' .. uri] then
    return true
  end
  local dicomweb = starts(uri, '/dicom-web/')
  if (method == 'GET' or method == 'HEAD') and (dicomweb or uri == '/wado') then
    return true
  end
  if method == 'POST' and (uri == '/dicom-web/studies' or uri:match('^/dicom%-web/studies/[%d%.]+$') ~= nil) then
    return true
  end
  return false
end
