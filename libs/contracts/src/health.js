"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
//# sourceMappingURL=health.js.map