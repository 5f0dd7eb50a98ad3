"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ALL_MIGRATIONS = void 0;
const _1763800000000_foundation_1 = require("./1763800000000-foundation");
/** Every migration, oldest first. A new migration is added here. */
exports.ALL_MIGRATIONS = [_1763800000000_foundation_1.Foundation1763800000000];
//# sourceMappingURL=index.js.map