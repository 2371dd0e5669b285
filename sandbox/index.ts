/** The sandbox's public surface: scenarios, the emulators, and the whole sandbox at once. */
export type { EmulatorCommonOptions } from './emulator-options.js';
export type { GithubEmulator, GithubEmulatorOptions, GithubState } from './github/index.js';
export { SECONDARY_RATE_LIMIT_MESSAGE, startGithubEmulator, WEB_HOST } from './github/index.js';
export type { CallRecord, RunningEmulator } from './http-kit.js';
export type { InventoryEmulator, InventoryEmulatorOptions, InventoryState } from './inventory/index.js';
export { startInventoryEmulator } from './inventory/index.js';
export type { NessusEmulator, NessusEmulatorOptions, ScannerKeys } from './nessus/index.js';
export { startNessusEmulator } from './nessus/index.js';
export { lookupReachability, startNetworkEmulator } from './network/index.js';
export type { Scenario, ScenarioInput } from './scenario.js';
export { loadScenario, parseScenario, ScenarioError, scenarioSchema, validateScenario } from './scenario.js';
export type { EmulatorName, Sandbox, SandboxEmulators, SandboxOptions } from './start-sandbox.js';
export { EMULATOR_NAMES, SANDBOX_CONFIG_FILE, scannerNames, startSandbox } from './start-sandbox.js';
