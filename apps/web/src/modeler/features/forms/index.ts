/** Forms feature: form-js schemas embedded in the process and linked via camunda:formRef. */
import BpmnForms from './BpmnForms';

export default {
  __init__: ['bpmnForms'],
  bpmnForms: ['type', BpmnForms],
};
