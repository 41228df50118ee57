/** The demo city: a deterministic, labelled, fictional city dataset, rendered per dialect. */
export type { DemoCity, DemoColumn, DemoColumnType, DemoDepartment, DemoTable, DemoValue } from './model.js';
export { DEMO_CITY_VERSION, DEMO_SEED, buildDemoCity } from './city.js';
export { DEMO_DIALECTS, DEMO_MSSQL_DATABASE, renderDemoSql, type DemoDialect, type RenderOptions } from './render.js';
export { renderSeedFile } from './seed-file.js';
