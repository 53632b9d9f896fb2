// Loaded into the Next server (`node --import`) by scripts/start.mjs: the server ends when the
// script that started it is gone or its output is closed, instead of running on unsupervised (a
// closed output made an orphaned server spin on its own failed writes: scripts/lib.mjs).
import { endWhenOrphaned } from "./lib.mjs";

endWhenOrphaned(() => process.exit(1));
