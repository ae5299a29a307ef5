// Jobs: durable work after commit on graphile-worker, in the same PostgreSQL. Jobs are
// enqueued inside the writing transaction and run here (WORKER=inline) or in `pnpm worker`.
export { startJobQueue, type JobQueue, type JobQueueOptions, type JobTasks } from './queue.js';
export {
  cancelJobs,
  cancelJobsByPrefix,
  DueJobNudges,
  notifyJobWorkers,
  scheduleJobs,
  scheduleJobsFrom,
  type ScheduledJob,
} from './enqueue.js';
