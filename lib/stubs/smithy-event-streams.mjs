// Stands in for `@smithy/core/event-streams` in Lambda bundles (lib/bundling.ts,
// plugin `smithy-event-streams`). The SDK loads it with a dynamic import only
// for an operation whose input or output is an event stream (Bedrock's or
// Transcribe's streaming calls, S3 Select); DynamoDB, SQS, SES and Secrets
// Manager have none, so the 15 KB codec is never run by Centinela.
function unavailable() {
  throw new Error('@smithy/core/event-streams is not bundled (lib/stubs/smithy-event-streams.mjs): no Centinela function calls an event-stream operation');
}
export class EventStreamSerde {
  constructor() {
    unavailable();
  }
}
export const eventStreamSerdeProvider = unavailable;
