export { recommendationWorkflow } from './recommendation.workflow';
