import { execFileSync, spawn } from "node:child_process";
import net from "node:net";

import { expect } from "@playwright/test";

// A built server (server.js) of its own on its own SQLite file, for the tests that stop, kill or
// restart it: the suite's shared server (playwright.config.ts) must stay up for the others.

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** The environment of a production server on `databaseFile`, migrated and seeded without demo people. */
export function preparedDatabase(databaseFile: string, port: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: `file:${databaseFile}`,
    DEMO_DATA: "off",
    NODE_ENV: "production",
    COOKIE_SECURE: "false",
    PORT: String(port),
  };
  execFileSync("npx", ["prisma", "migrate", "deploy"], { env, stdio: "pipe" });
  execFileSync("npx", ["tsx", "prisma/seed.ts"], { env, stdio: "pipe" });
  return env;
}

export type AppServer = {
  kill: (signal: NodeJS.Signals) => void;
  /** The exit code, or null when a signal ended the process. */
  exited: Promise<number | null>;
  stdout: () => string;
  stderr: () => string;
  /** Waits until the server has logged a line with this message. */
  logged: (msg: string) => Promise<void>;
};

export async function startAppServer(env: NodeJS.ProcessEnv): Promise<AppServer> {
  const child = spawn(process.execPath, ["server.js"], { env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const logged = async (msg: string) => {
    await expect.poll(() => stdout.includes(`"msg":"${msg}"`), { timeout: 120_000, message: `log line "${msg}"; stderr: ${stderr}` }).toBe(true);
  };
  await logged("listening");
  return { kill: (signal) => child.kill(signal), exited, stdout: () => stdout, stderr: () => stderr, logged };
}
