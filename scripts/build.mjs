// `npm run build`: the one build every instance serves (NEXT_DIST_DIR, default .next). Give it the
// NEXT_SERVER_ACTIONS_ENCRYPTION_KEY the instances will run with: Next embeds it in the build, and
// `npm start` with REDIS_URL refuses a build made with another key.
import { buildApp } from "./lib.mjs";

await buildApp(process.env.NEXT_DIST_DIR ?? ".next");
