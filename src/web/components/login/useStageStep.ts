import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ApiError } from '../../api/client';
import { ME_KEY } from '../../api/hooks';
import type { StageReply } from '../../api/client';

/** A login step: runs the call, then reloads the current user so the page moves to the next stage. */
export function useStageStep<A>(call: (arg: A) => Promise<StageReply>) {
  const queryClient = useQueryClient();
  return useMutation<StageReply, ApiError, A>({
    mutationFn: call,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ME_KEY }),
  });
}
