import { computed } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { useObjects } from '../metadata';

/**
 * The object with a pipeline, and the pipeline, a pipeline screen shows (forecast,
 * analytics): from the address (`<route>/<object>?pipeline=<key>`), else the first ones.
 */
export function usePipelineChoice(routeName: string) {
  const route = useRoute();
  const router = useRouter();
  const { objects, loading } = useObjects();
  const pipelineObjects = computed(() =>
    objects.value.filter((o) => o.fields.some((f) => f.type === 'STAGE')),
  );
  const object = computed(
    () =>
      pipelineObjects.value.find((o) => o.key === route.params.object) ?? pipelineObjects.value[0] ?? null,
  );
  const pipelines = computed(() =>
    (object.value?.fields ?? []).filter((f) => f.type === 'STAGE').flatMap((f) => f.settings.pipelines ?? []),
  );
  /** The pipeline asked for in the address; null: the object's first. */
  const pipelineKey = computed(() =>
    typeof route.query.pipeline === 'string' ? route.query.pipeline : null,
  );
  return { loading, pipelineObjects, object, pipelines, pipelineKey, choose };

  function choose(objectKey: string, pipeline: string | null) {
    void router.replace({
      name: routeName,
      params: { object: objectKey },
      query: pipeline ? { pipeline } : {},
    });
  }
}

export type PipelineChoice = ReturnType<typeof usePipelineChoice>;
