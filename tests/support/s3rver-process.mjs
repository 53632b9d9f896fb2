// s3rver in a process of its own, for tests: `node --openssl-legacy-provider s3rver-process.mjs <dir> <bucket>`.
// Prints {"port": N} once it listens on 127.0.0.1. The legacy provider is for its continuation
// tokens, which it enciphers with DES: without it every listing longer than a page fails.
import S3rver from "s3rver";

const [directory, bucket] = process.argv.slice(2);
const server = new S3rver({ address: "127.0.0.1", port: 0, directory, silent: true, configureBuckets: [{ name: bucket, configs: [] }] });
const { port } = await server.run();
process.stdout.write(`${JSON.stringify({ port })}\n`);
process.on("SIGTERM", () => server.close().then(() => process.exit(0)));
