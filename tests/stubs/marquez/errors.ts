/** A response other than 200: Marquez's `{code, message}`, Dropwizard's `{errors}`, or plain text. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    readonly contentType: string,
  ) {
    super(body);
  }

  /** ErrorMessage from Marquez's exception mappers, e.g. `{"code":404,"message":"Job 'x' not found."}`. */
  static json(status: number, message: string): HttpError {
    return new HttpError(status, JSON.stringify({ code: status, message }), 'application/json');
  }

  /** Dropwizard's bean-validation failures (a missing or out-of-range query parameter). */
  static validation(...errors: string[]): HttpError {
    return new HttpError(400, JSON.stringify({ errors }), 'application/json');
  }

  static text(status: number, message: string): HttpError {
    return new HttpError(status, message, 'text/plain');
  }

  static notFound(kind: string, name: string): HttpError {
    return HttpError.json(404, `${kind} '${name}' not found.`);
  }
}
