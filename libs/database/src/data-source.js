"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.databaseDriver = databaseDriver;
exports.dataSourceOptions = dataSourceOptions;
exports.createDataSource = createDataSource;
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const typeorm_1 = require("typeorm");
const typeorm_pglite_1 = require("typeorm-pglite");
const naming_strategy_1 = require("./naming.strategy");
const migrations_1 = require("./migrations");
function databaseDriver(settings) {
    return settings.url ? 'postgres' : 'pglite';
}
/**
 * One place that turns settings into TypeORM options, for the api, the worker,
 * the migration CLI and the tests. Schema changes only ever come from migrations.
 */
function dataSourceOptions(settings) {
    const common = {
        type: 'postgres',
        entities: settings.entities,
        migrations: migrations_1.ALL_MIGRATIONS,
        migrationsTableName: 'schema_migrations',
        namingStrategy: new naming_strategy_1.SnakeNamingStrategy(),
        synchronize: false,
        migrationsRun: false,
        logging: settings.logging ?? false,
    };
    if (settings.url) {
        return {
            ...common,
            url: settings.url,
            extra: { max: settings.poolSize ?? 20, application_name: 'hop-truc-tuyen' },
        };
    }
    let dataDir;
    if (settings.dataDir) {
        dataDir = (0, node_path_1.resolve)((0, node_path_1.join)(settings.dataDir, 'pglite'));
        (0, node_fs_1.mkdirSync)(dataDir, { recursive: true });
    }
    return { ...common, driver: new typeorm_pglite_1.PGliteDriver(dataDir ? { dataDir } : {}).driver };
}
function createDataSource(settings) {
    return new typeorm_1.DataSource(dataSourceOptions(settings));
}
//# sourceMappingURL=data-source.js.map