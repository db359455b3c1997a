/**
 * The renderer as a library: one entry point per command of `npm run
 * render` (cli.ts picks one from the options; each opens the project with
 * the steps of project.ts). Also the root of the renderer's own import graph
 * (moduleGraph.ts), part of every video's cache key: a command module must
 * be reached from here.
 */
export {contactSheetCommand, listCommand, stillCommand} from './commands';
export {renderSceneVideo, shardCommand, videoCommand} from './video';
export type {CommandHooks, CommandOutput, SceneResult} from './project';
