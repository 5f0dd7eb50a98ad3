"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SnakeNamingStrategy = void 0;
const typeorm_1 = require("typeorm");
const snake = (s) => s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
/** Maps camelCase properties to snake_case columns, as the migrations write them. */
class SnakeNamingStrategy extends typeorm_1.DefaultNamingStrategy {
    columnName(propertyName, customName, prefixes) {
        return customName ?? snake([...prefixes, propertyName].join('_'));
    }
    relationName(propertyName) {
        return snake(propertyName);
    }
    joinColumnName(relationName, referencedColumnName) {
        return snake(`${relationName}_${referencedColumnName}`);
    }
}
exports.SnakeNamingStrategy = SnakeNamingStrategy;
//# sourceMappingURL=naming.strategy.js.map