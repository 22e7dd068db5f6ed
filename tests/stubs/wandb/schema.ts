import { buildSchema, GraphQLScalarType, type GraphQLSchema } from 'graphql';

/**
 * The part of W&B's GraphQL schema Runlens queries: exactly the types, fields and arguments of
 * lib/sources/wandb/queries.ts (names and argument lists as W&B's schema has them). Any other field
 * is rejected by validation, as the real API rejects unknown fields.
 */
export const WANDB_SDL = `
scalar JSON
"A JSON document sent as a string (config, summaryMetrics, metadata, history specs)."
scalar JSONString
"ISO 8601 in UTC without a zone designator, e.g. 2026-11-20T02:00:00."
scalar DateTime

type Query {
  project(name: String, entityName: String): Project
}

type Project {
  id: ID!
  name: String!
  entityName: String!
  runs(filters: JSONString, order: String, after: String, before: String, first: Int, last: Int): RunConnection
  run(name: String!): Run
}

type PageInfo {
  endCursor: String
  hasNextPage: Boolean!
}

type RunConnection {
  edges: [RunEdge!]!
  pageInfo: PageInfo!
}

type RunEdge {
  node: Run
  cursor: String!
}

type User {
  id: ID!
  username: String
}

type Run {
  id: ID!
  name: String!
  displayName: String
  state: String
  config: JSONString
  summaryMetrics: JSONString
  tags: [String!]
  group: String
  jobType: String
  commit: String
  createdAt: DateTime!
  updatedAt: DateTime
  heartbeatAt: DateTime
  historyKeys: JSON
  user: User
  sampledHistory(specs: [JSONString!]!): [JSON]
  outputArtifacts(after: String, before: String, first: Int, last: Int): ArtifactConnection
  inputArtifacts(after: String, before: String, first: Int, last: Int): ArtifactConnection
}

type ArtifactConnection {
  edges: [ArtifactEdge!]!
  pageInfo: PageInfo!
}

type ArtifactEdge {
  node: Artifact
  cursor: String!
}

enum ArtifactState {
  PENDING
  COMMITTED
  DELETED
}

type ArtifactType {
  id: ID!
  name: String!
}

type ArtifactSequence {
  id: ID!
  name: String!
  project: Project
}

type ArtifactAlias {
  id: ID!
  alias: String!
}

type Artifact {
  id: ID!
  digest: String!
  versionIndex: Int
  state: ArtifactState!
  metadata: JSONString
  artifactType: ArtifactType!
  artifactSequence: ArtifactSequence!
  aliases: [ArtifactAlias!]!
}
`;

function requireString(name: string) {
  return (value: unknown): string => {
    if (typeof value !== 'string') throw new TypeError(`${name} cannot represent a non-string value: ${JSON.stringify(value)}`);
    return value;
  };
}

/** The SDL with W&B's scalar rules: JSONString and DateTime are strings both ways; JSON passes through. */
export function wandbSchema(): GraphQLSchema {
  const schema = buildSchema(WANDB_SDL);
  for (const name of ['JSONString', 'DateTime']) {
    const type = schema.getType(name);
    if (type instanceof GraphQLScalarType) {
      type.serialize = requireString(name);
      type.parseValue = requireString(name);
    }
  }
  return schema;
}
