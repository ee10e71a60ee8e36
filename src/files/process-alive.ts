/**
 * Whether a process with this PID is running: signal 0 reaches it, or it
 * exists but belongs to another user (EPERM). Used for stale temporary files
 * and events-file locks left by a dead writer.
 */
export function processIsAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}
