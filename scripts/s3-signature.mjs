// Checks the AWS Signature Version 4 of a request to the demo S3 server (scripts/s3-server.mjs),
// as S3 does: only a holder of the secret key gets in. s3rver itself lets anonymous requests
// through and does not check version 4 signatures at all.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";

const ALGORITHM = "AWS4-HMAC-SHA256";
/** How far a request's own date may be from this machine's clock, as S3 allows. */
const SKEW_MS = 15 * 60_000;

const hmac = (key, text) => createHmac("sha256", key).update(text).digest();
const sha256 = (text) => createHash("sha256").update(text).digest("hex");

/** RFC 3986 encoding, as the signature wants it (encodeURIComponent leaves !'()* alone). */
const encode = (text) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** The query as signed: each name and value decoded, encoded again strictly, sorted. */
function canonicalQuery(rawQuery) {
  if (!rawQuery) return "";
  return rawQuery
    .split("&")
    .filter(Boolean)
    .map((pair) => {
      const at = pair.indexOf("=");
      const [name, value] = at < 0 ? [pair, ""] : [pair.slice(0, at), pair.slice(at + 1)];
      return [encode(decodeURIComponent(name)), encode(decodeURIComponent(value))];
    })
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join("&");
}

/** `AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…` into its parts. */
function parseAuthorization(header) {
  if (!header?.startsWith(`${ALGORITHM} `)) return null;
  const parts = Object.fromEntries(
    header
      .slice(ALGORITHM.length + 1)
      .split(",")
      .map((part) => part.trim().split("=", 2)),
  );
  if (!parts.Credential || !parts.SignedHeaders || !parts.Signature) return null;
  const [accessKeyId, date, region, service, terminator] = parts.Credential.split("/");
  if (terminator !== "aws4_request") return null;
  return { accessKeyId, date, region, service, signedHeaders: parts.SignedHeaders.split(";"), signature: parts.Signature };
}

/**
 * Why a request is refused, or null when it is signed with these credentials. `request` is what
 * the server received: method, the raw URL (path and query as sent) and the headers (lower case,
 * as Node gives them). The body's hash is the one the request states and signs; it is not
 * computed again here (the signature is what proves the secret key).
 */
export function signatureProblem(request, credentials, now = Date.now()) {
  try {
    return problemOf(request, credentials, now);
  } catch {
    return "AccessDenied"; // a malformed escape in the address or the header
  }
}

function problemOf(request, { accessKeyId, secretAccessKey }, now) {
  const auth = parseAuthorization(request.headers.authorization);
  if (!auth) return "AccessDenied";
  if (auth.accessKeyId !== accessKeyId) return "InvalidAccessKeyId";
  const amzDate = request.headers["x-amz-date"];
  const payloadHash = request.headers["x-amz-content-sha256"];
  if (!amzDate || !payloadHash || !auth.signedHeaders.includes("host") || !auth.signedHeaders.includes("x-amz-date")) return "AccessDenied";
  const signedAt = Date.parse(amzDate.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, "$1-$2-$3T$4:$5:$6Z"));
  if (!Number.isFinite(signedAt) || Math.abs(now - signedAt) > SKEW_MS || !amzDate.startsWith(auth.date)) return "RequestTimeTooSkewed";

  const at = request.url.indexOf("?");
  const [path, query] = at < 0 ? [request.url, ""] : [request.url.slice(0, at), request.url.slice(at + 1)];
  const headerLines = auth.signedHeaders.map((name) => `${name}:${String(request.headers[name] ?? "").trim().replace(/\s+/g, " ")}\n`);
  const canonicalRequest = [request.method, path || "/", canonicalQuery(query), headerLines.join(""), auth.signedHeaders.join(";"), payloadHash].join("\n");
  const scope = [auth.date, auth.region, auth.service, "aws4_request"].join("/");
  const stringToSign = [ALGORITHM, amzDate, scope, sha256(canonicalRequest)].join("\n");
  const key = [auth.date, auth.region, auth.service, "aws4_request"].reduce((k, part) => hmac(k, part), `AWS4${secretAccessKey}`);
  const expected = createHmac("sha256", key).update(stringToSign).digest();
  const given = Buffer.from(auth.signature, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected) ? null : "SignatureDoesNotMatch";
}
