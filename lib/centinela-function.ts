/**
 * The defaults every Centinela function shares, in one place: Node.js 24 on
 * arm64 (cheaper per GB-s than x86 and fast enough for parsing and tagging),
 * bundled locally with esbuild (no Docker), its own log group with a set
 * retention, Powertools settings, and its own role that starts with nothing
 * but writing to that log group. Each construct then grants exactly the data
 * the function needs.
 */
import { type Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Charset, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { bundleOptions, handlerEntry, moduleAliases, projectRoot, type FunctionName } from './bundling.ts';

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
  readonly function: NodejsFunction;
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

    this.function = new NodejsFunction(this, 'Function', {
      entry: handlerEntry(props.name),
      handler: 'handler',
      projectRoot,
      depsLockFilePath: `${projectRoot}/package-lock.json`,
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
      bundling: {
        format: OutputFormat.ESM,
        target: bundleOptions.target,
        minify: bundleOptions.minify,
        sourceMap: bundleOptions.sourcemap,
        charset: bundleOptions.charset === 'utf8' ? Charset.UTF8 : Charset.ASCII,
        mainFields: [...bundleOptions.mainFields],
        banner: bundleOptions.banner.js,
        bundleAwsSDK: true,
        // esbuild runs in the project root, where the aliases' relative paths resolve.
        esbuildArgs: {
          '--alias': Object.entries(moduleAliases).map(([name, target]) => `${name}=${target}`),
          '--legal-comments': bundleOptions.legalComments,
        },
        forceDockerBundling: false,
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (_inputDir, outputDir) => props.afterBundling?.(outputDir) ?? [],
        },
      },
    });
  }
}
