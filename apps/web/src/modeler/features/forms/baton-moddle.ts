/**
 * Moddle extension `baton:` — forms embedded in the BPMN XML so they deploy with the definition.
 *
 * Design (the contract the runtime reads):
 *   <bpmn:process id="order" isExecutable="true">
 *     <bpmn:extensionElements>
 *       <baton:form id="order-review-form">{ form-js schema JSON }</baton:form>
 *     </bpmn:extensionElements>
 *     <bpmn:userTask id="review" camunda:formRef="order-review-form" camunda:formRefBinding="deployment" />
 *   </bpmn:process>
 * - The form's `id` equals the schema's `id` and the task's `camunda:formRef` (Camunda 7's linked-form
 *   attribute), so a Camunda-modeled task keeps working and `formRefBinding="deployment"` says "the form
 *   deployed with this definition" — which is exactly where it is.
 * - Forms live on the process that contains the task; a form may be referenced by several tasks.
 * - Parsers that do not know the `baton` namespace keep the element as a generic extension element,
 *   so the XML still deploys anywhere; Baton's runtime resolves formRef by searching its process's
 *   `baton:form` elements and serves the schema with the task.
 */
export const BATON_NS = 'http://baton.dev/schema/bpmn/1.0';

const batonModdle = {
  name: 'Baton',
  uri: BATON_NS,
  prefix: 'baton',
  xml: { tagAlias: 'lowerCase' },
  associations: [],
  types: [
    {
      name: 'Form',
      superClass: ['Element'],
      meta: { allowedIn: ['bpmn:Process'] },
      properties: [
        { name: 'id', isAttr: true, type: 'String' },
        { name: 'body', isBody: true, type: 'String' },
      ],
    },
  ],
};

export default batonModdle;
