/**
 * The deployable unit: storage, ingestion, digests and monitoring, wired
 * together. Only composition lives here; each construct holds its own defaults.
 */
import { Stack, type StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { CentinelaConfig } from './config.ts';
import { Ingestion } from './ingestion.ts';
import { Monitoring } from './monitoring.ts';
import { Storage } from './storage.ts';

export interface CentinelaStackProps extends StackProps {
  config: CentinelaConfig;
}

export class CentinelaStack extends Stack {
  readonly storage: Storage;
  readonly ingestion: Ingestion;
  readonly monitoring: Monitoring;

  constructor(scope: Construct, id: string, props: CentinelaStackProps) {
    super(scope, id, props);
    const { config } = props;
    this.storage = new Storage(this, 'Storage');
    this.ingestion = new Ingestion(this, 'Ingestion', { config, tables: this.storage.tables });
    this.monitoring = new Monitoring(this, 'Monitoring', {
      ownerEmail: config.ownerEmail,
      deadLetterQueue: this.ingestion.deadLetterQueue,
      functions: [this.ingestion.dispatch, this.ingestion.pollFeed],
    });
  }
}
