/** A response other than 200, in one of the shapes an MLflow server (or what stands in front of it) sends. */
export class StubResponse extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    readonly contentType: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(body);
  }

  /** MLflow's MlflowException body, e.g. RESOURCE_DOES_NOT_EXIST → 404, INVALID_PARAMETER_VALUE → 400. */
  static mlflow(status: number, errorCode: string, message: string): StubResponse {
    return new StubResponse(status, JSON.stringify({ error_code: errorCode, message }), 'application/json');
  }

  static notFound(message: string): StubResponse {
    return StubResponse.mlflow(404, 'RESOURCE_DOES_NOT_EXIST', message);
  }

  static invalid(message: string): StubResponse {
    return StubResponse.mlflow(400, 'INVALID_PARAMETER_VALUE', message);
  }

  /** Flask's own page for a path no route serves (e.g. get-history-bulk-interval on a server before 2.11). */
  static flask(status: 404 | 405): StubResponse {
    const [title, text] = status === 404
      ? ['Not Found', 'The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.']
      : ['Method Not Allowed', 'The method is not allowed for the requested URL.'];
    return new StubResponse(status, `<!doctype html>\n<html lang=en>\n<title>${status} ${title}</title>\n<h1>${title}</h1>\n<p>${text}</p>\n`, 'text/html');
  }

  /** The basic-auth app's refusal: plain text with a Basic challenge. */
  static unauthenticated(): StubResponse {
    return new StubResponse(
      401,
      'You are not authenticated. Please see https://www.mlflow.org/docs/latest/auth/index.html#authenticating-to-mlflow on how to authenticate.',
      'text/plain',
      { 'www-authenticate': 'Basic realm="mlflow"' },
    );
  }
}
