/** RFC 7807 problem details, as every error of this API is answered. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly instance?: string;
  readonly code?: string;
  readonly errors?: readonly FieldError[];
  readonly [extension: string]: unknown;
}

export interface FieldError {
  readonly field: string;
  readonly message: string;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Problem type URIs: stable names, not links. */
export function problemType(slug: string): string {
  return `urn:demarche:problem:${slug}`;
}
