// One worker thread of the extraction pool: computes the parts of extractions it is sent, one at a time.
import { parentPort } from 'node:worker_threads';
import { extractFeatures, type TimingStep } from '../extractor';
import type { PartRequest, PartReply } from './extraction-pool';
import { sharedToVolume } from './shared-volume';

const port = parentPort!;
port.on('message', (request: PartRequest) => {
  const steps: TimingStep[] = [];
  let reply: PartReply;
  try {
    const features = extractFeatures(sharedToVolume(request.image), sharedToVolume(request.mask), request.unit.params, {
      label: request.label,
      part: request.unit.part,
      onTiming: request.timing ? (step) => steps.push(step) : undefined,
    });
    reply = { features, steps };
  } catch (error) {
    reply = { error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
