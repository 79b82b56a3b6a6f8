"""The HTTP API: routes, request/response schemas, problem details and the OpenAPI generator."""
