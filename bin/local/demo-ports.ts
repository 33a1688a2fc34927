/**
 * The demo server's default feed port, in a module of its own so that the
 * `demo` command's declaration (its --help default) does not import the demo
 * server and, through it, the poller, the tagger and the web app.
 */
export const DEMO_FEEDS_PORT = 8081;
