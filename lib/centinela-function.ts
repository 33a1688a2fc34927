/**
 * The defaults every Centinela function shares, in one place: Node.js 24 on
 * arm64 (cheaper per GB-s than x86 and fast enough for parsing and tagging),
 * bundled locally with esbuild (no Docker) by lib/build-function.ts, the same
 * build the bundle tests and benchmark measure (esbuild's JavaScript API: the
 * plugins in lib/bundling.ts need it, so this is a plain lambda.Function with
 * an asset bundled locally rather than a NodejsFunction), its own log group with a set
 * retention, Powertools settings, and its own role that starts with nothing
 * but writing to that log group. Each construct then grants exactly the data
 * the function needs.
 */
import { execFileSync, execSync } from 'node:child_process';
import path from 'node:path';
import { AssetHashType, DockerImage, type Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { projectRoot, type FunctionName } from './bundling.ts';

/** Powertools metric namespace; the monitoring construct alarms on metrics in it. */
export const METRICS_NAMESPACE = 'Centinela';

export interface CentinelaFunctionProps {
  name: FunctionName;
  description: string;
  timeout: Duration;
  memorySize: number;
  logRetentionDays: number;
  environment?: Record<string, string>;
  reservedConcurrentExecutions?: number;
  /** Shell commands run after esbuild, e.g. copying a custom feed list next to the bundle. */
  afterBundling?: (outputDir: string) => string[];
}

export class CentinelaFunction extends Construct {
  readonly function: lambda.Function;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: CentinelaFunctionProps) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetentionDays as logs.RetentionDays,
      // Logs are diagnostics, not user data: they go with the stack.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Centinela ${props.name}: only what this function needs`,
    });
    // The log group's Arn attribute already ends in ":*" (its streams); no AWS managed policy.
    this.role.addToPolicy(
      new iam.PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [this.logGroup.logGroupArn] }),
    );

    this.function = new lambda.Function(this, 'Function', {
      code: lambda.Code.fromAsset(projectRoot, {
        // Hash what was built, not the project tree (as NodejsFunction does).
        assetHashType: AssetHashType.OUTPUT,
        bundling: {
          // Never pulled: local bundling always answers (it throws when the build fails).
          image: DockerImage.fromRegistry('public.ecr.aws/sam/build-nodejs24.x'),
          // CDK keys its bundling cache on these options, not on `local`: without the function's name (and the
          // extra commands) in them, every function would reuse the first function's bundle.
          command: ['lib/build-function.ts', props.name, ...(props.afterBundling?.('/asset-output') ?? [])],
          local: {
            tryBundle(outputDir) {
              execFileSync(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'lib', 'build-function.ts'), props.name, outputDir], {
                cwd: projectRoot,
                stdio: 'inherit',
              });
              for (const command of props.afterBundling?.(outputDir) ?? []) execSync(command, { cwd: projectRoot, stdio: 'inherit' });
              return true;
            },
          },
        },
      }),
      handler: 'index.handler',
      description: props.description,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      timeout: props.timeout,
      memorySize: props.memorySize,
      role: this.role,
      logGroup: this.logGroup,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      environment: {
        POWERTOOLS_SERVICE_NAME: `centinela-${props.name}`,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        POWERTOOLS_LOG_LEVEL: 'INFO',
        ...props.environment,
      },
    });
  }
}
