import { z } from 'zod';
import { Id, Variables } from './common.js';

export const Job = z.object({
  id: Id,
  topic: z.string(),
  instanceId: Id,
  elementId: z.string(),
  variables: z.record(z.string(), z.unknown()),
  retries: z.number().int().nullable(),
  lockExpiresAt: z.string().nullable(),
  workerId: z.string().nullable(),
  errorMessage: z.string().nullable().optional(),
});
export type Job = z.infer<typeof Job>;

export const FetchAndLockInput = z.object({
  workerId: z.string().min(1).max(100),
  topics: z.array(z.object({ topic: z.string().min(1).max(200), lockDurationMs: z.number().int().min(1).max(86_400_000), variables: z.array(z.string()).optional() })).min(1).max(50),
  maxJobs: z.number().int().min(1).max(500),
  asyncResponseTimeoutMs: z.number().int().min(0).max(300_000).optional(),
});
export type FetchAndLockInput = z.infer<typeof FetchAndLockInput>;

export const CompleteJobInput = z.object({ id: Id, workerId: z.string().min(1).max(100), variables: Variables.optional() });
export const FailJobInput = z.object({
  id: Id,
  workerId: z.string().min(1).max(100),
  errorMessage: z.string().max(10_000),
  errorDetails: z.string().max(100_000).optional(),
  retries: z.number().int().min(0),
  retryBackoffMs: z.number().int().min(0).max(86_400_000).optional(),
});
export const BpmnErrorJobInput = z.object({ id: Id, workerId: z.string().min(1).max(100), errorCode: z.string().min(1).max(200), errorMessage: z.string().max(10_000).optional(), variables: Variables.optional() });
export const ExtendLockInput = z.object({ id: Id, workerId: z.string().min(1).max(100), newDurationMs: z.number().int().min(1).max(86_400_000) });

export const Incident = z.object({
  id: Id,
  instanceId: Id,
  definitionId: Id,
  elementId: z.string(),
  jobId: z.string().nullable(),
  message: z.string(),
  details: z.string().nullable(),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
});
export type Incident = z.infer<typeof Incident>;
