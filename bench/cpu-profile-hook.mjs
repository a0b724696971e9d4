// Loaded with `--import` into a service the subscriptions bench spawns (BENCH_PROFILE=<dir>):
// SIGTTIN starts a CPU profile, SIGTTOU writes it to <dir>/<PROFILE_NAME>-<pid>.cpuprofile.
// Profiling only the window the bench cares about (event delivery) keeps the minutes of
// setup traffic (registrations, investments) out of the picture; `--cpu-prof` cannot.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';

const dir = process.env['BENCH_PROFILE_DIR'];
if (dir) {
  const session = new Session();
  session.connect();
  process.on('SIGTTIN', () => {
    void session.post('Profiler.enable').then(() => session.post('Profiler.start'));
  });
  process.on('SIGTTOU', () => {
    void session.post('Profiler.stop').then(({ profile }) => {
      const name = `${process.env['PROFILE_NAME'] ?? 'service'}-${process.pid}.cpuprofile`;
      writeFileSync(join(dir, name), JSON.stringify(profile));
    });
  });
}
