/**
 * Alarms mailed to the owner through SNS (the owner confirms the subscription
 * once, from the mail AWS sends at the first deploy):
 *  - a message in the feed DLQ,
 *  - any function error,
 *  - no article stored for 24 hours (also fires when the poller stops reporting at all),
 *  - a feed that has not succeeded for a day.
 * The last two read the Powertools metrics the handlers emit.
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import { MetricNames } from '../lambdas/monitoring/metric-names.ts';
import { METRICS_NAMESPACE, type CentinelaFunction } from './centinela-function.ts';

export interface MonitoringProps {
  ownerEmail: string;
  deadLetterQueue: sqs.IQueue;
  functions: CentinelaFunction[];
}

export class Monitoring extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'AlarmTopic', { displayName: 'Centinela alarms', enforceSSL: true });
    this.topic.addSubscription(new subscriptions.EmailSubscription(props.ownerEmail));
    NagSuppressions.addResourceSuppressions(this.topic, [
      {
        id: 'AwsSolutions-SNS2',
        reason:
          'Alarm notifications carry no user data; CloudWatch can publish to an encrypted topic only through a customer managed KMS key ($1/month), which this personal deployment avoids.',
      },
    ]);

    this.add('DeadLetters', {
      alarmDescription: 'A feed message failed five times and is in the dead-letter queue (see the poll-feed logs for its feed id).',
      metric: props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    for (const fn of props.functions) {
      this.add(`${fn.node.id}Errors`, {
        alarmDescription: `The ${fn.node.id} function failed (an uncaught error or a timeout).`,
        metric: fn.function.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    }

    this.add('NoArticlesFor24Hours', {
      alarmDescription: 'No new article was stored for 24 hours: every feed may be failing, or polling has stopped.',
      metric: centinelaMetric(MetricNames.articlesStored, 'poll-feed', 'Sum', Duration.hours(1)),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      evaluationPeriods: 24,
      datapointsToAlarm: 24,
      // No data means the poller did not run: that is as bad as storing nothing.
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
    });

    this.add('FeedFailingForADay', {
      alarmDescription: 'At least one feed has not been fetched successfully for 24 hours (the dispatch logs name it).',
      metric: centinelaMetric(MetricNames.feedsFailingForADay, 'dispatch', 'Maximum', Duration.hours(1)),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    this.add('AlertTargetFailingForADay', {
      alarmDescription: 'An alert target (a webhook, or alert mail) has failed every delivery for 24 hours (the check-alerts logs name it; `centinela alerts --aws` lists it).',
      metric: centinelaMetric(MetricNames.alertTargetsFailingForADay, 'check-alerts', 'Maximum', Duration.hours(1)),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
  }

  private add(id: string, props: cloudwatch.AlarmProps): void {
    const alarm = new cloudwatch.Alarm(this, id, props);
    alarm.addAlarmAction(new actions.SnsAction(this.topic));
    this.alarms.push(alarm);
  }
}

/** A Powertools metric: namespace Centinela, the default `service` dimension of the emitting function. */
export function centinelaMetric(name: string, functionName: string, statistic: string, period: Duration): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: METRICS_NAMESPACE,
    metricName: name,
    dimensionsMap: { service: `centinela-${functionName}` },
    statistic,
    period,
  });
}
